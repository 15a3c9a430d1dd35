using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Mobilitet.Workflows.Hosting.Forms;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Validation;

namespace Mobilitet.Workflows.Hosting.Tests.Forms;

public sealed class AgreementFormTests
{
    private static FormCollection Form(params (string Name, string Value)[] fields) =>
        new(fields.ToDictionary(field => field.Name, field => new StringValues(field.Value)));

    [Theory]
    [InlineData("40.000", 40000)]
    [InlineData("40000", 40000)]
    [InlineData("1.234,50 kr.", 1234.50)]
    [InlineData(" 25 % ", 25)]
    [InlineData("-3", -3)]
    public void Danish_numbers_are_read_as_people_type_them(string text, double expected)
    {
        Assert.True(DanishNumbers.TryParse(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("fyrre")]
    [InlineData("1,2,3")]
    [InlineData("12a")]
    public void Anything_else_is_not_a_number(string text) => Assert.False(DanishNumbers.TryParse(text, out _));

    [Fact]
    public void The_form_becomes_the_api_request_with_the_rate_in_percent_and_the_field_names_as_json_paths()
    {
        var (request, errors) = AgreementForm.Read(Form(
            ("municipalityCode", "0751"), ("resident.cpr", "010190-1234"), ("supervisors[0]", "a@x.dk"), ("supervisors[1]", ""),
            ("supervisors[2]", "c@x.dk"), ("supervisors[3]", ""), ("baseline.selfSufficiencyRate", "20 %"),
            ("baseline.resourceDrawDkk", "200.000"), ("financing.requestedDkk", "tyve tusind")));

        Assert.Equal("0751", request.MunicipalityCode);
        Assert.Equal("010190-1234", request.Resident!.Cpr);
        Assert.Equal(["a@x.dk", "", "c@x.dk"], request.Supervisors);
        Assert.Equal(0.2m, request.Baseline!.SelfSufficiencyRate);
        Assert.Equal(200_000m, request.Baseline.ResourceDrawDkk);
        Assert.Null(request.Financing!.RequestedDkk);
        Assert.Equal([Messages.NotANumber], errors.ToDictionary()["financing.requestedDkk"]);

        // The command's own validation names the empty middle supervisor by its place in the form.
        var validation = new ValidationErrors();
        RequestValidation.Validate(request, new DateOnly(2026, 12, 1), validation);
        Assert.Contains("supervisors[1]", validation.ToDictionary().Keys);
    }
}
