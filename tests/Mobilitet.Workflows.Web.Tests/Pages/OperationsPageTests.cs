using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Operations;
using Mobilitet.Workflows.Web.Pages;
using Mobilitet.Workflows.Web.Rendering;
using Mobilitet.Workflows.Web.Shared;
using Mobilitet.Workflows.Web.Tests.Shared;

namespace Mobilitet.Workflows.Web.Tests.Pages;

public sealed class OperationsPageTests
{
    private const string FailedId = "fa-0123456789abcdefghij";
    private const string MissingId = "fa-00000000000000000001";

    private static readonly PageFrame Administrator = new()
    {
        User = Samples.User(roles: Roles.Administrator),
        Navigation = NavigationSections.Agreements | NavigationSections.Audit | NavigationSections.Operations,
        Antiforgery = new AntiforgeryToken("__RequestVerificationToken", "form-token"),
    };

    private static readonly OperatorAttention Failed = new(
        FailedId, "0751", AgreementStatus.Failed, new DateTimeOffset(2027, 3, 1, 12, 30, 0, TimeSpan.Zero), AttentionReason.WorkflowFailed,
        AttentionReasonText.Danish(AttentionReason.WorkflowFailed), "KeyNotFoundException: Unknown policy 'standard-v0'.", "Failed",
        [OperatorAction.Retry, OperatorAction.Restart, OperatorAction.Terminate]);

    private static readonly OperatorAttention Missing = new(
        MissingId, "0461", AgreementStatus.AwaitingMove, new DateTimeOffset(2027, 3, 2, 8, 0, 0, TimeSpan.Zero), AttentionReason.EngineInstanceMissing,
        AttentionReasonText.Danish(AttentionReason.EngineInstanceMissing), null, null, [OperatorAction.Restart, OperatorAction.Terminate]);

    [Fact]
    public async Task Each_agreement_shows_its_reason_the_engines_status_and_a_form_with_only_its_actions()
    {
        var document = await Renderer.PageAsync<OperationsPage, OperationsPageModel>(Model(Failed, Missing), Administrator);

        Assert.Equal("Drift – Flytteaftaler – Mobilitetsenheden", document.Title);
        Assert.Equal("page", document.QuerySelector("nav a[href='/drift']")!.GetAttribute("aria-current"));
        var failed = document.GetElementById($"drift-{FailedId}")!;
        Assert.Contains("Arbejdsgangen er fejlet", failed.Text(), StringComparison.Ordinal);
        Assert.Contains("KeyNotFoundException: Unknown policy 'standard-v0'.", failed.Text(), StringComparison.Ordinal);
        Assert.Contains("Aarhus (0751)", failed.Text(), StringComparison.Ordinal);
        Assert.Contains("1. marts 2027 kl. 13.30", failed.Text(), StringComparison.Ordinal);
        var form = failed.QuerySelector("form")!;
        Assert.Equal($"/drift/{FailedId}/handling", form.GetAttribute("action"));
        Assert.Equal("form-token", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"));
        Assert.Equal(["Retry", "Restart", "Terminate"], form.QuerySelectorAll("input[name=action]").Select(input => input.GetAttribute("value")));
        Assert.Equal(
            ["TransientFault", "DefectFixed", "DataCorrected", "NotToContinue", "Other"],
            form.QuerySelectorAll("select[name=reason] option").Select(option => option.GetAttribute("value")).Where(value => !string.IsNullOrEmpty(value)));

        var missing = document.GetElementById($"drift-{MissingId}")!;
        Assert.Contains("ingen instans", missing.Text(), StringComparison.Ordinal);
        Assert.Equal(["Restart", "Terminate"], missing.QuerySelectorAll("input[name=action]").Select(input => input.GetAttribute("value")));
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task A_form_sent_back_shows_its_errors_by_its_fields_and_a_refusal_is_explained()
    {
        var sent = new ListForm(FailedId, new Dictionary<string, string> { ["action"] = "Terminate", ["reason"] = "NotToContinue" }, new FieldErrors([new("note", ["Feltet skal udfyldes."])]));

        var document = await Renderer.PageAsync<OperationsPage, OperationsPageModel>(Model(Failed, Missing) with { Form = sent }, Administrator);
        var refused = await Renderer.PageAsync<OperationsPage, OperationsPageModel>(Model(Failed) with { Refusal = new ListRefusal(FailedId, "Aftalen er afsluttet.") }, Administrator);

        Assert.StartsWith("Fejl:", document.Title, StringComparison.Ordinal);
        Assert.Equal($"#field-{FailedId}-note", document.QuerySelector("[data-module=error-summary] a")!.GetAttribute("href"));
        Assert.Equal("Fejl: Feltet skal udfyldes.", document.GetElementById($"field-{FailedId}-note-error")!.Text());
        Assert.Null(document.GetElementById($"field-{MissingId}-note-error"));
        Assert.Equal("Handlingen er ikke udført", refused.QuerySelector(".alert-error .alert-heading")!.Text());
        Assert.Contains("Aftalen er afsluttet.", refused.QuerySelector(".alert-error")!.Text(), StringComparison.Ordinal);
        FormComponentTests.AssertReferencesExist(document);
    }

    [Fact]
    public async Task Without_agreements_that_need_an_operator_the_page_says_so()
    {
        var document = await Renderer.PageAsync<OperationsPage, OperationsPageModel>(Model(), Administrator);

        Assert.Equal("Ingen aftaler venter på driften.", document.QuerySelector(".empty-state")!.Text());
        Assert.Empty(document.QuerySelectorAll("form[action^='/drift/']"));
    }

    private static OperationsPageModel Model(params OperatorAttention[] rows) => new() { Agreements = rows, NoteMaxLength = 1000 };
}
