using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Http.Responses;
using Mobilitet.Workflows.Hosting.Identity;
using Mobilitet.Workflows.Hosting.Queries;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Timeline;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The agreements API, written once for both hosts: each method takes the request (and the durable
/// client, which the Functions host gets from a binding) and returns an <see cref="IResult"/>. Every
/// route needs a signed-in person (401) who may see the agreement's municipality (403). Reads come
/// from the read model; every change is a command (<see cref="AgreementCommands"/>).
/// </summary>
public sealed class AgreementEndpoints(
    AgreementCommands commands,
    JsonCommand json,
    CurrentUserReader users,
    IAgreementRepository agreements,
    ITimeline timeline,
    IMeasurementRepository measurements,
    IEscalationRepository escalations,
    PersonalDataQuery personalData)
{
    public Task<IResult> CreateAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken) =>
        json.RunAsync<CreateAgreementRequest>(request, (user, body) => commands.CreateAsync(client, user, body!, cancellationToken), cancellationToken);

    public async Task<IResult> GetAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        var (agreement, refusal) = await ReadableAsync(user, id, cancellationToken);
        if (agreement is null)
        {
            return refusal!;
        }

        var measured = measurements.ListAsync(id, cancellationToken);
        var escalated = escalations.ListAsync(id, cancellationToken);
        var history = timeline.ReadAsync(id, cancellationToken);
        return TypedResults.Ok(agreement.ToDetails(await measured, await escalated, await history));
    }

    /// <summary>
    /// GET …/personal-data: the parties, reasons and notes — for the agreement's municipality's
    /// caseworkers only, each view written to the audit log (<see cref="PersonalDataQuery"/>). The CPR number is shown masked.
    /// </summary>
    public async Task<IResult> GetPersonalDataAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

        var (agreement, refusal) = await ReadableAsync(user, id, cancellationToken);
        if (agreement is null)
        {
            return refusal!;
        }

        return await personalData.ReadAsync(user, agreement, cancellationToken) is { } details
            ? TypedResults.Ok(details)
            : Problems.Forbidden(PersonalDataQuery.NotAllowed);
    }

    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (users.Read(request.HttpContext) is not { } user)
        {
            return Problems.Unauthorized();
        }

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

        var readable = user.ReadableMunicipalities();
        if (municipality is not null && readable is not null && !readable.Contains(municipality))
        {
            return Problems.Forbidden("Du har ikke adgang til aftaler i den kommune.");
        }

        var codes = municipality is not null ? [municipality] : readable?.Order(StringComparer.Ordinal).ToArray() ?? [null];
        var list = new List<AgreementRecord>();
        foreach (var each in codes)
        {
            list.AddRange(await agreements.ListAsync(each, status, cancellationToken));
        }

        return TypedResults.Ok(list.OrderByDescending(agreement => agreement.CreatedAt).Select(agreement => agreement.ToSummary()).ToList());
    }

    public Task<IResult> RecordConsentAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<ConsentRequest>(request, (user, body) => commands.RecordConsentAsync(client, user, id, body!, cancellationToken), cancellationToken);

    public Task<IResult> RecordFinancingDecisionAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<FinancingDecisionRequest>(request, (user, body) => commands.RecordFinancingDecisionAsync(client, user, id, body!, cancellationToken), cancellationToken);

    public Task<IResult> RecordMoveAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<MoveRequest>(request, (user, body) => commands.RecordMoveAsync(client, user, id, body!, cancellationToken), cancellationToken);

    public Task<IResult> RecordMeasurementAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<MeasurementRequest>(request, (user, body) => commands.RecordMeasurementAsync(client, user, id, body!, cancellationToken), cancellationToken);

    /// <summary>The body (a reason) is optional.</summary>
    public Task<IResult> WithdrawConsentAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<CancelRequest>(request, (user, body) => commands.WithdrawConsentAsync(client, user, id, body, cancellationToken), cancellationToken, bodyRequired: false);

    public Task<IResult> CancelAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        json.RunAsync<CancelRequest>(request, (user, body) => commands.CancelAsync(client, user, id, body!, cancellationToken), cancellationToken);

    // 404 for an unknown (or malformed) id, 403 for another municipality's agreement.
    private async Task<(AgreementRecord? Agreement, IResult? Refusal)> ReadableAsync(CurrentUser user, string id, CancellationToken cancellationToken)
    {
        var agreement = AgreementIds.IsWellFormed(id) ? await agreements.FindAsync(id, cancellationToken) : null;
        if (agreement is null)
        {
            return (null, Problems.AgreementNotFound(id));
        }

        return user.MayRead(agreement.MunicipalityCode)
            ? (agreement, null)
            : (null, Problems.Forbidden("Aftalen hører til en kommune, du ikke har adgang til."));
    }
}
