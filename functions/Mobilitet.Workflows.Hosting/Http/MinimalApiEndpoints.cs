using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Hosting.Health;
using Mobilitet.Workflows.Hosting.Operations;
using Mobilitet.Workflows.Hosting.Pages;
using Mobilitet.Workflows.Routes;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// Maps the shared handlers to minimal-API endpoints for hosts built on ASP.NET Core (the local
/// host, tests): the JSON API under /api, the pages and static files from the site root. The
/// Functions app maps the same handlers with HTTP triggers on the same routes.
/// </summary>
public static class MinimalApiEndpoints
{
    /// <summary>The pages (<see cref="UiRoutes"/>) and the static files they use.</summary>
    public static IEndpointRouteBuilder MapMobilitetPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(UiRoutes.Static, (HttpRequest request, string path) => StaticFileEndpoints.Get(request, path));
        endpoints.MapGet(UiRoutes.EscalationDecisionPage, (HttpContext context, string escalationId, DecisionPageEndpoints pages, CancellationToken ct) => pages.ShowAsync(context, escalationId, ct));
        endpoints.MapPost(UiRoutes.EscalationDecisionPage, (HttpContext context, string escalationId, DurableTaskClient client, DecisionPageEndpoints pages, CancellationToken ct) => pages.DecideAsync(context, client, escalationId, ct));
        endpoints.MapGet(UiRoutes.NewAgreement, (HttpContext context, NewAgreementPageHandler page) => page.ShowAsync(context));
        endpoints.MapPost(UiRoutes.NewAgreement, (HttpContext context, DurableTaskClient client, NewAgreementPageHandler page, CancellationToken ct) => page.CreateAsync(context, client, ct));
        endpoints.MapGet(UiRoutes.CheckIn, (HttpContext context, WellBeing.CheckInPageEndpoints page, CancellationToken ct) => page.ShowAsync(context, ct));
        endpoints.MapPost(UiRoutes.CheckIn, (HttpContext context, WellBeing.CheckInPageEndpoints page, CancellationToken ct) => page.AnswerAsync(context, ct));
        endpoints.MapGet(UiRoutes.CaseloadImport, (HttpContext context, CaseloadImportPageHandler page) => page.ShowAsync(context));
        endpoints.MapPost(UiRoutes.CaseloadImport, (HttpContext context, DurableTaskClient client, CaseloadImportPageHandler page, CancellationToken ct) => page.ImportAsync(context, client, ct));
        endpoints.MapGet(UiRoutes.CaseloadImportStatus, (HttpContext context, string importId, CaseloadImportPageHandler page, CancellationToken ct) => page.StatusAsync(context, importId, ct));
        endpoints.MapGet(UiRoutes.Agreement, (HttpContext context, string id, AgreementDetailsPageHandler page, CancellationToken ct) => page.ShowAsync(context, id, ct));
        endpoints.MapGet(UiRoutes.AgreementMeasurementReport, (HttpContext context, string id, string milestone, AgreementDetailsPageHandler page, CancellationToken ct) => page.ShowMeasurementReportAsync(context, id, milestone, ct));
        endpoints.MapGet(UiRoutes.AgreementSettlementReport, (HttpContext context, string id, AgreementDetailsPageHandler page, CancellationToken ct) => page.ShowSettlementReportAsync(context, id, ct));
        endpoints.MapPost(UiRoutes.AgreementConsent, (HttpContext context, string id, DurableTaskClient client, AgreementDetailsPageHandler page, CancellationToken ct) => page.RecordConsentAsync(context, client, id, ct));
        endpoints.MapPost(UiRoutes.AgreementFinancing, (HttpContext context, string id, DurableTaskClient client, AgreementDetailsPageHandler page, CancellationToken ct) => page.RecordFinancingDecisionAsync(context, client, id, ct));
        endpoints.MapPost(UiRoutes.AgreementMove, (HttpContext context, string id, DurableTaskClient client, AgreementDetailsPageHandler page, CancellationToken ct) => page.RecordMoveAsync(context, client, id, ct));
        endpoints.MapPost(UiRoutes.AgreementMeasurement, (HttpContext context, string id, DurableTaskClient client, AgreementDetailsPageHandler page, CancellationToken ct) => page.RecordMeasurementAsync(context, client, id, ct));
        endpoints.MapPost(UiRoutes.AgreementCancel, (HttpContext context, string id, DurableTaskClient client, AgreementDetailsPageHandler page, CancellationToken ct) => page.CancelAsync(context, client, id, ct));
        endpoints.MapPost(UiRoutes.AgreementWithdrawConsent, (HttpContext context, string id, DurableTaskClient client, AgreementDetailsPageHandler page, CancellationToken ct) => page.WithdrawConsentAsync(context, client, id, ct));
        endpoints.MapGet(UiRoutes.HomeTemplate, (HttpContext context, MyTasksPageHandler page, CancellationToken ct) => page.ShowAsync(context, ct));
        endpoints.MapGet(UiRoutes.Agreements, (HttpContext context, AgreementListPageHandler page, CancellationToken ct) => page.ShowAsync(context, ct));
        endpoints.MapPost(UiRoutes.Agreements, (HttpContext context, AgreementListPageHandler page, CancellationToken ct) => page.SearchByCprAsync(context, ct));
        endpoints.MapGet(UiRoutes.Financing, (HttpContext context, FinancingPageHandler page, CancellationToken ct) => page.ShowAsync(context, ct));
        endpoints.MapPost(UiRoutes.FinancingDecision, (HttpContext context, string id, DurableTaskClient client, FinancingPageHandler page, CancellationToken ct) => page.DecideAsync(context, client, id, ct));
        endpoints.MapGet(UiRoutes.Escalations, (HttpContext context, EscalationsPageHandler page, CancellationToken ct) => page.ShowAsync(context, ct));
        endpoints.MapPost(UiRoutes.FollowUpDone, (HttpContext context, string escalationId, DurableTaskClient client, MyTasksPageHandler page, CancellationToken ct) => page.FollowUpDoneAsync(context, client, escalationId, ct));
        endpoints.MapPost(UiRoutes.EscalationDecision, (HttpContext context, string escalationId, DurableTaskClient client, EscalationsPageHandler page, CancellationToken ct) => page.DecideAsync(context, client, escalationId, ct));
        endpoints.MapGet(UiRoutes.Audit, (HttpContext context, AuditPageHandler page, CancellationToken ct) => page.ShowAsync(context, ct));
        endpoints.MapGet(UiRoutes.FailedNotifications, (HttpContext context, FailedNotificationsPageHandler page, CancellationToken ct) => page.ShowAsync(context, ct));
        endpoints.MapGet(UiRoutes.RegisterExtracts, (HttpContext context, RegisterExtractsPageHandler page, CancellationToken ct) => page.ShowAsync(context, ct));
        endpoints.MapPost(UiRoutes.RegisterExtracts, (HttpContext context, DurableTaskClient client, RegisterExtractsPageHandler page, CancellationToken ct) => page.UploadAsync(context, client, ct));
        endpoints.MapGet(UiRoutes.RegisterExtractReport, (HttpContext context, string importId, RegisterExtractsPageHandler page, CancellationToken ct) => page.ShowReportAsync(context, importId, ct));
        endpoints.MapGet(UiRoutes.Effects, (HttpContext context, EffectsPageHandler page, CancellationToken ct) => page.ShowAsync(context, ct));
        endpoints.MapGet(UiRoutes.Portfolio, (HttpContext context, PortfolioPageHandler page, CancellationToken ct) => page.ShowAsync(context, ct));
        endpoints.MapGet(UiRoutes.Operations, (HttpContext context, DurableTaskClient client, OperationsPageHandler page, CancellationToken ct) => page.ShowAsync(context, client, ct));
        endpoints.MapPost(UiRoutes.OperationsAction, (HttpContext context, string id, DurableTaskClient client, OperationsPageHandler page, CancellationToken ct) => page.ActAsync(context, client, id, ct));
        return endpoints;
    }

    public static RouteGroupBuilder MapMobilitetApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        api.MapMobilitetHealth();

        api.MapPost(ApiRoutes.Agreements, (HttpRequest request, DurableTaskClient client, AgreementEndpoints handlers, CancellationToken ct) => handlers.CreateAsync(request, client, ct));
        api.MapPost(ApiRoutes.CaseloadImports, (HttpRequest request, DurableTaskClient client, CaseloadEndpoints handlers, CancellationToken ct) => handlers.ImportAsync(request, client, ct));
        api.MapGet(ApiRoutes.CaseloadImport, (string importId, HttpRequest request, CaseloadEndpoints handlers, CancellationToken ct) => handlers.GetAsync(request, importId, ct));
        api.MapGet(ApiRoutes.Agreements, (HttpRequest request, AgreementEndpoints handlers, CancellationToken ct) => handlers.ListAsync(request, ct));
        api.MapPost(ApiRoutes.AgreementSearch, (HttpRequest request, CprSearchEndpoints handlers, CancellationToken ct) => handlers.SearchAsync(request, ct));
        api.MapGet(ApiRoutes.Agreement, (string id, HttpRequest request, AgreementEndpoints handlers, CancellationToken ct) => handlers.GetAsync(request, id, ct));
        api.MapGet(ApiRoutes.AgreementStatus, (string id, HttpRequest request, AgreementEndpoints handlers, CancellationToken ct) => handlers.GetStatusAsync(request, id, ct));
        api.MapGet(ApiRoutes.PersonalData, (string id, HttpRequest request, AgreementEndpoints handlers, CancellationToken ct) => handlers.GetPersonalDataAsync(request, id, ct));
        api.MapPost(ApiRoutes.Consent, (string id, HttpRequest request, DurableTaskClient client, AgreementEndpoints handlers, CancellationToken ct) => handlers.RecordConsentAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.Financing, (string id, HttpRequest request, DurableTaskClient client, AgreementEndpoints handlers, CancellationToken ct) => handlers.RecordFinancingDecisionAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.Move, (string id, HttpRequest request, DurableTaskClient client, AgreementEndpoints handlers, CancellationToken ct) => handlers.RecordMoveAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.Measurements, (string id, HttpRequest request, DurableTaskClient client, AgreementEndpoints handlers, CancellationToken ct) => handlers.RecordMeasurementAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.WithdrawConsent, (string id, HttpRequest request, DurableTaskClient client, AgreementEndpoints handlers, CancellationToken ct) => handlers.WithdrawConsentAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.Cancel, (string id, HttpRequest request, DurableTaskClient client, AgreementEndpoints handlers, CancellationToken ct) => handlers.CancelAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.EscalationDecision, (string escalationId, HttpRequest request, DurableTaskClient client, EscalationEndpoints handlers, CancellationToken ct) => handlers.DecideAsync(request, client, escalationId, ct));
        api.MapPost(ApiRoutes.FollowUpDone, (string id, string escalationId, HttpRequest request, DurableTaskClient client, FollowUpEndpoints handlers, CancellationToken ct) => handlers.DoneAsync(request, client, id, escalationId, ct));
        api.MapGet(ApiRoutes.Municipalities, (HttpRequest request, MunicipalityEndpoints handlers) => handlers.List(request));
        api.MapGet(ApiRoutes.Audit, (HttpRequest request, AuditEndpoints handlers, CancellationToken ct) => handlers.ListAsync(request, ct));
        api.MapGet(ApiRoutes.Effects, (HttpRequest request, EffectEndpoints handlers, CancellationToken ct) => handlers.GetAsync(request, ct));
        api.MapGet(ApiRoutes.FinancingPortfolio, (HttpRequest request, PortfolioEndpoints handlers, CancellationToken ct) => handlers.GetAsync(request, ct));
        api.MapGet(ApiRoutes.OperationsAgreements, (HttpRequest request, DurableTaskClient client, OperationsEndpoints handlers, CancellationToken ct) => handlers.ListAsync(request, client, ct));
        api.MapPost(ApiRoutes.OperationsRetry, (string id, HttpRequest request, DurableTaskClient client, OperationsEndpoints handlers, CancellationToken ct) => handlers.RetryAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.OperationsRestart, (string id, HttpRequest request, DurableTaskClient client, OperationsEndpoints handlers, CancellationToken ct) => handlers.RestartAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.OperationsTerminate, (string id, HttpRequest request, DurableTaskClient client, OperationsEndpoints handlers, CancellationToken ct) => handlers.TerminateAsync(request, client, id, ct));
        api.MapPost(ApiRoutes.RegisterExtracts, (HttpRequest request, DurableTaskClient client, RegisterEndpoints handlers, CancellationToken ct) => handlers.UploadExtractAsync(request, client, ct));
        return api;
    }
}
