using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mobilitet.Lifecycle.Tests.Infrastructure;
using Mobilitet.Testing.Api;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Lifecycle.Tests;

/// <summary>
/// *Ny flytteaftale* over HTTP, as a browser without JavaScript uses it: who gets the form, the errors by the
/// fields and in the summary (the CPR number kept only in its input), the redirect to the new agreement, and the
/// refusals — none of which creates anything.
/// </summary>
public sealed class NewAgreementPageTests(HourDayHost host) : IClassFixture<HourDayHost>
{
    private const string Path = "/aftaler/ny";

    [Fact]
    public async Task A_caseworker_gets_the_form_with_the_municipalities_they_work_for_and_anyone_else_the_403_page()
    {
        using var caseworker = new PageClient(host.Api.BaseAddress!, TestIdentities.Person("cw-two", [Roles.Caseworker, Roles.Supervisor], "0751", "0101"));
        using var monitoring = new PageClient(host.Api.BaseAddress!, PageForms.Monitoring);

        using var page = await caseworker.GetAsync(Path);
        using var refused = await monitoring.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = PageForms.Parse(await page.Content.ReadAsStringAsync());
        Assert.Equal("Ny flytteaftale", document.QuerySelector("h1")!.Text());
        Assert.Equal(
            [("", "Vælg kommune"), ("0101", "København (0101)"), ("0751", "Aarhus (0751)")],
            document.QuerySelectorAll("select[name=municipalityCode] option").Select(option => (option.GetAttribute("value")!, option.Text())));
        Assert.Equal("cw-two", document.QuerySelector("input[name='caseworker.name']")!.GetAttribute("value"));
        Assert.Equal("standard-v2", document.QuerySelector("input[type=hidden][name=policy]")!.GetAttribute("value"));
        Assert.Equal(5, document.QuerySelectorAll("input[name^='supervisors[']").Length);
        Assert.Equal("aria-current", document.QuerySelector("nav a[href='/aftaler/ny']")!.Attributes.Single(a => a.Name == "aria-current").Name);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Du har ikke adgang", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_cpr_number_comes_back_by_its_field_and_in_the_summary_with_what_was_typed_and_nothing_is_created()
    {
        using var caseworker = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);
        var before = await CountAsync();

        using var response = await caseworker.SubmitAsync(Path, Path, PageForms.NewAgreement(changes:
            [("resident.cpr", "320190-1234"), ("baseline.resourceDrawDkk", "mange"), ("baseline.selfSufficiencyRate", "150"), ("supervisors[0]", "")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var document = PageForms.Parse(html);
        Assert.StartsWith("Fejl: ", document.Title, StringComparison.Ordinal);
        Assert.Equal(
            ["CPR-nummeret har en ugyldig dato.", "Feltet skal udfyldes.", "Procentsatsen skal ligge mellem 0 og 100.", "Skriv et tal, fx 40.000 eller 0,5."],
            document.QuerySelectorAll("[data-module=error-summary] li").Select(item => item.Text()));
        Assert.Equal("#field-resident-cpr", document.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal("Fejl: CPR-nummeret har en ugyldig dato.", document.GetElementById("field-resident-cpr-error")!.Text());
        Assert.Equal("true", document.GetElementById("field-resident-cpr")!.GetAttribute("aria-invalid"));
        Assert.Equal("Fejl: Skriv et tal, fx 40.000 eller 0,5.", document.GetElementById("field-baseline-resourceDrawDkk-error")!.Text());

        // What was typed stays in the form; the CPR number only in its own input.
        Assert.Equal("320190-1234", document.GetElementById("field-resident-cpr")!.GetAttribute("value"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "320190"));
        Assert.Equal(AgreementForms.ResidentName, document.GetElementById("field-resident-name")!.GetAttribute("value"));
        Assert.Equal("mange", document.GetElementById("field-baseline-resourceDrawDkk")!.GetAttribute("value"));
        Assert.Equal("out", document.QuerySelector("input[name=direction][checked]")!.GetAttribute("value"));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task A_valid_form_creates_the_agreement_and_its_page_shows_the_cpr_number_masked()
    {
        using var caseworker = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);

        using var response = await caseworker.SubmitAsync(Path, Path, PageForms.NewAgreement());

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/aftaler/fa-[a-z0-9]+$", location);
        var id = location["/aftaler/".Length..];
        var html = await caseworker.FollowAsync(response);
        var document = PageForms.Parse(html);
        Assert.Equal("Flytteaftalen er oprettet. Beboeren får besked om at give samtykke.", document.QuerySelector("[role=status]")!.Text());
        Assert.Contains("010190-xxxx", html, StringComparison.Ordinal);
        Assert.DoesNotContain("010190-1234", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0101901234", html, StringComparison.Ordinal);

        var agreement = await host.Services.GetRequiredService<IAgreementRepository>().FindAsync(id, CancellationToken.None);
        Assert.Equal("cw-aarhus", agreement!.CaseworkerId);
        Assert.Equal(50_000m, agreement.RequestedDkk);
        Assert.Equal(0.2m, agreement.Baseline!.SelfSufficiencyRate);
        Assert.Equal("0101901234", (await host.Services.GetRequiredService<IPersonalDataVault>().FindAsync(id, CancellationToken.None))!.Resident.Cpr);

        await host.StepAsync(id, "cancel", Steps.Cancel("Testen er færdig"));
    }

    [Fact]
    public async Task Refused_posts_create_nothing()
    {
        using var caseworker = new PageClient(host.Api.BaseAddress!, PageForms.AarhusCaseworker);
        using var monitoring = new PageClient(host.Api.BaseAddress!, PageForms.Monitoring);
        var before = await CountAsync();

        // No antiforgery token; another municipality than the caseworker's (a forged select); a person who is no caseworker.
        using var expired = await caseworker.PostFormAsync(Path, PageForms.NewAgreement().Select(field => KeyValuePair.Create(field.Name, field.Value)));
        using var otherMunicipality = await caseworker.SubmitAsync(Path, Path, PageForms.NewAgreement(changes: [("municipalityCode", "0101")]));
        using var notACaseworker = await monitoring.PostFormAsync(Path, PageForms.NewAgreement().Select(field => KeyValuePair.Create(field.Name, field.Value)));

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("Formularen er udløbet", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, otherMunicipality.StatusCode);
        var refusal = PageForms.Parse(await otherMunicipality.Content.ReadAsStringAsync());
        Assert.Equal("Flytteaftalen er ikke oprettet", refusal.QuerySelector(".alert-error .alert-heading")!.Text());
        Assert.Contains("Du kan kun oprette flytteaftaler i de kommuner, du arbejder for.", refusal.QuerySelector(".alert-error")!.Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, notACaseworker.StatusCode);
        Assert.Equal(before, await CountAsync());
        Assert.Empty(await host.Services.GetRequiredService<IAgreementRepository>().ListAsync("0101", null, CancellationToken.None));
    }

    private async Task<int> CountAsync() =>
        (await host.Services.GetRequiredService<IAgreementRepository>().ListAsync("0751", null, CancellationToken.None)).Count;
}
