using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Http.Responses;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The agreements API, written once for both hosts: each method takes the request (and the durable
/// client, which the Functions host gets from a binding) and returns an <see cref="IResult"/>. Reads
/// come from the read model; every change is a command (<see cref="AgreementCommands"/>), which this
/// class only feeds with the JSON body and answers for.
/// </summary>
public sealed class AgreementEndpoints(
    AgreementCommands commands,
    IAgreementRepository agreements,
    ITimeline timeline,
    IMeasurementRepository measurements,
    IEscalationRepository escalations)
{
    public Task<IResult> CreateAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken) =>
        JsonCommand.RunAsync<CreateAgreementRequest>(request, body => commands.CreateAsync(client, body!, cancellationToken), cancellationToken);

    public async Task<IResult> GetAsync(string id, CancellationToken cancellationToken)
    {
        var agreement = AgreementIds.IsWellFormed(id) ? await agreements.FindAsync(id, cancellationToken) : null;
        if (agreement is null)
        {
            return Problems.AgreementNotFound(id);
        }

        var measured = measurements.ListAsync(id, cancellationToken);
        var escalated = escalations.ListAsync(id, cancellationToken);
        var history = timeline.ReadAsync(id, cancellationToken);
        return TypedResults.Ok(agreement.ToDetails(await measured, await escalated, await history));
    }

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new ValidationErrors();
        string? municipality = request.Query.TryGetValue("municipality", out var code) && !string.IsNullOrEmpty(code)
            ? RequestValidation.MunicipalityCode("municipality", code, errors)
            : null;
        AgreementStatus? status = null;
        if (request.Query.TryGetValue("status", out var statusText) && !string.IsNullOrEmpty(statusText))
        {
            status = errors.Choice("status", statusText, Enum.GetValues<AgreementStatus>().ToDictionary(value => value.ToString()));
        }

        if (!errors.IsEmpty)
        {
            return Problems.Validation(errors);
        }

        var list = await agreements.ListAsync(municipality, status, cancellationToken);
        return TypedResults.Ok(list.OrderByDescending(agreement => agreement.CreatedAt).Select(agreement => agreement.ToSummary()).ToList());
    }

    public Task<IResult> RecordConsentAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        JsonCommand.RunAsync<ConsentRequest>(request, body => commands.RecordConsentAsync(client, id, body!, cancellationToken), cancellationToken);

    public Task<IResult> RecordFinancingDecisionAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        JsonCommand.RunAsync<FinancingDecisionRequest>(request, body => commands.RecordFinancingDecisionAsync(client, id, body!, cancellationToken), cancellationToken);

    public Task<IResult> RecordMoveAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        JsonCommand.RunAsync<MoveRequest>(request, body => commands.RecordMoveAsync(client, id, body!, cancellationToken), cancellationToken);

    public Task<IResult> RecordMeasurementAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        JsonCommand.RunAsync<MeasurementRequest>(request, body => commands.RecordMeasurementAsync(client, id, body!, cancellationToken), cancellationToken);

    /// <summary>The body (a reason) is optional.</summary>
    public Task<IResult> WithdrawConsentAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        JsonCommand.RunAsync<CancelRequest>(request, body => commands.WithdrawConsentAsync(client, id, body, cancellationToken), cancellationToken, bodyRequired: false);

    public Task<IResult> CancelAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        JsonCommand.RunAsync<CancelRequest>(request, body => commands.CancelAsync(client, id, body!, cancellationToken), cancellationToken);
}
