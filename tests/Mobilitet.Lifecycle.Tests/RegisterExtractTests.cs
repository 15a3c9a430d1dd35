using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// Register extracts through the local host on Azurite: the person-key index the API keeps beside the vault, and the
/// erasure that removes it.
/// </summary>
public sealed class RegisterExtractTests(TenthSecondDayHost host) : IClassFixture<TenthSecondDayHost>
{
    private const string Aarhus = "0751";

    private IPersonKeyIndex Index => host.Services.GetRequiredService<IPersonKeyIndex>();

    private PersonKeys Keys => host.Services.GetRequiredService<PersonKeys>();

    [Fact]
    public async Task Creating_an_agreement_indexes_its_residents_person_key_and_withdrawing_consent_removes_it()
    {
        var id = await host.CreateAsync(AgreementForms.Valid(AgreementForms.Today.AddDays(30)));

        var entry = Assert.Single(await Index.ListAsync(Aarhus, CancellationToken.None), entry => entry.AgreementId == id);
        Assert.Equal(Keys.KeyOf(AgreementForms.ResidentCpr), entry.Person);

        await host.StepAsync(id, "withdraw-consent");
        await host.WaitForAsync(id, agreement => agreement.Kinds().Contains("PersonalDataErased"), "the personal data to be erased");

        Assert.False(await Index.ContainsAsync(Aarhus, id, CancellationToken.None));
    }
}
