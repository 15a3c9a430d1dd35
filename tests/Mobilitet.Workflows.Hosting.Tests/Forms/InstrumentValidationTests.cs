using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Tests.Forms;

/// <summary>The creation form's choice of financing instrument: the default, an unknown one, and the instrument's amounts.</summary>
public sealed class InstrumentValidationTests
{
    private static readonly DateOnly Today = new(2027, 1, 1);

    private static CreateAgreementRequest Request(decimal requestedDkk, string? instrument) => new(
        "0751",
        "Brabrand Boligforening",
        "out",
        "Gellerupparken",
        null,
        new ResidentRequest("010190-1234", "Karin Testesen", "karin@example.dk", "12345678"),
        new CaseworkerRequest("Søren Sagsbehandler", "soeren@kommune.example.dk"),
        ["tilsyn1@example.dk"],
        new BaselineRequest(0.25m, 200_000m, 30_000m),
        new FinancingRequest(requestedDkk, "Indskud og flytning", instrument),
        "2027-03-01",
        null);

    [Fact]
    public void Without_a_choice_the_configured_default_is_pinned()
    {
        var errors = new ValidationErrors();

        var form = RequestValidation.Validate(Request(20_000m, instrument: null), Today, errors, defaultInstrument: "outcome-contract-v1");

        Assert.True(errors.IsEmpty);
        Assert.Equal("outcome-contract-v1", form!.InstrumentName);
    }

    [Fact]
    public void A_chosen_instrument_is_pinned()
    {
        var errors = new ValidationErrors();

        var form = RequestValidation.Validate(Request(20_000m, InstrumentCatalog.MunicipalFundV2.Name), Today, errors, defaultInstrument: "outcome-contract-v1");

        Assert.Equal("municipal-fund-v2", form!.InstrumentName);
    }

    [Theory]
    [InlineData("municipal-fund-v9")]
    [InlineData("../municipal-fund-v2")]
    [InlineData("")]
    public void An_unknown_instrument_is_refused_in_danish(string instrument)
    {
        var errors = new ValidationErrors();

        Assert.Null(RequestValidation.Validate(Request(20_000m, instrument), Today, errors));

        Assert.Equal([Messages.InstrumentUnknown], errors.ToDictionary()["financing.instrument"]);
    }

    [Theory]
    [InlineData("municipal-fund-v2", "60001")] // one krone over the cap
    [InlineData("municipal-fund-v2", "60000.01")]
    [InlineData("outcome-contract-v1", "9999")] // one krone under the floor
    [InlineData("outcome-contract-v1", "9999.99")]
    [InlineData("outcome-contract-v1", "150001")]
    public void An_amount_outside_the_instruments_range_is_refused_with_the_range(string instrument, string amount)
    {
        var errors = new ValidationErrors();
        var terms = InstrumentCatalog.Get(instrument);

        Assert.Null(RequestValidation.Validate(Request(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), instrument), Today, errors));

        var message = Assert.Single(errors.ToDictionary()["financing.requestedDkk"]);
        Assert.Equal(Messages.AmountOutsideInstrument(terms.MinAmountDkk, terms.MaxAmountDkk), message);
        Assert.Contains("kr. til", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("municipal-fund-v2", "60000")]
    [InlineData("municipal-fund-v2", "1")]
    [InlineData("outcome-contract-v1", "10000")]
    [InlineData("outcome-contract-v1", "150000")]
    public void The_instruments_limits_themselves_are_allowed(string instrument, string amount)
    {
        var errors = new ValidationErrors();

        Assert.NotNull(RequestValidation.Validate(Request(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), instrument), Today, errors));
        Assert.True(errors.IsEmpty);
    }
}
