using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Hosting.Composition;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Http.Responses;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.Routes;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Hosting.Http;

/// <summary>
/// The agreements API, written once for both hosts: each method takes the request (and the durable
/// client, which the Functions host gets from a binding) and returns an <see cref="IResult"/>.
/// Order of checks: unknown id → 404, bad input → 400, wrong state → 409; nothing changes unless
/// every check passes.
/// </summary>
public sealed partial class AgreementEndpoints(
    IAgreementRepository agreements,
    IPersonalDataVault vault,
    ITimeline timeline,
    IMeasurementRepository measurements,
    Escalations.IEscalationRepository escalations,
    IIndicatorStore indicators,
    IOptions<LifecycleOptions> lifecycle,
    TimeProvider time,
    ILogger<AgreementEndpoints> logger)
{
    public async Task<IResult> CreateAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var (body, errors) = await JsonBody.ReadAsync<CreateAgreementRequest>(request, cancellationToken);
        var now = time.GetUtcNow();
        var form = body is null ? null : RequestValidation.Validate(body, DanishCalendar.DateOf(now.UtcDateTime), errors);
        if (form is null)
        {
            return Problems.Validation(errors);
        }

        var agreementId = AgreementIds.New();
        var agreement = new AgreementRecord
        {
            AgreementId = agreementId,
            MunicipalityCode = form.MunicipalityCode,
            HousingAssociation = form.HousingAssociation,
            Direction = form.Direction,
            FromArea = form.FromArea,
            ToArea = form.ToArea,
            PlannedMoveDate = form.PlannedMoveDate,
            PolicyName = form.PolicyName,
            Status = AgreementStatus.AwaitingConsent,
            CreatedAt = now,
            LastChangedAt = DateTimeOffset.UnixEpoch, // no workflow change yet
            DayLength = lifecycle.Value.DayLength,
            Baseline = form.Baseline,
            RequestedDkk = form.RequestedDkk,
            SupervisorLevels = form.PersonalData.SupervisorEmails.Count,
        };

        // Data first, then the orchestration: the workflow only ever sees the id. A crash in between
        // leaves an agreement without a workflow, which UnstartedAgreementRepair starts later.
        await vault.SaveAsync(agreementId, form.PersonalData, cancellationToken);
        await agreements.AddAsync(agreement, cancellationToken);
        await timeline.AppendAsync(agreementId, new TimelineEntry(now, TimelineKind.AgreementCreated, Actors.Caseworker), cancellationToken);
        try
        {
            await AgreementStarter.StartAsync(client, agreement, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The engine may have taken the start even so: then the agreement stands.
            if (await StartedAnywayAsync(client, agreementId) is false)
            {
                // Without its orchestration the agreement would sit still: undo it and say so.
                LogStartFailed(exception, agreementId);
                await agreements.RemoveAsync(agreementId, CancellationToken.None);
                await vault.EraseAsync(agreementId, CancellationToken.None);
                return Problems.Unavailable("Flytteaftalen kunne ikke startes, og intet er gemt.");
            }
        }

        LogCreated(agreementId, form.MunicipalityCode, form.PolicyName);
        return TypedResults.Created(ApiRoutes.AgreementPath(agreementId), new AgreementAccepted(agreementId, agreement.Status.ToString()));
    }

    public async Task<IResult> GetAsync(string id, CancellationToken cancellationToken)
    {
        var agreement = await FindAsync(id, cancellationToken);
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
        StepAsync<ConsentRequest>(request, id, async (body, errors, agreement) =>
        {
            var given = errors.Choice("decision", body!.Decision, RequestValidation.ConsentDecisions);
            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors);
            }

            if (agreement.Status != AgreementStatus.AwaitingConsent)
            {
                return Problems.Conflict(NotNow("Samtykke kan kun registreres, mens aftalen venter på samtykke", agreement));
            }

            await RaiseAsync(client, id, new ConsentDecided(given!.Value, Actors.Caseworker), cancellationToken);
            return Accepted(agreement);
        }, cancellationToken);

    public Task<IResult> RecordFinancingDecisionAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StepAsync<FinancingDecisionRequest>(request, id, async (body, errors, agreement) =>
        {
            var approved = errors.Choice("decision", body!.Decision, RequestValidation.FinancingDecisions);
            decimal? amount = body.ApprovedDkk is null ? null : errors.Amount("approvedDkk", body.ApprovedDkk, RequestValidation.MaxAmountDkk, allowZero: false);
            if (approved == false && amount is not null)
            {
                errors.Add("approvedDkk", Messages.ApprovedOnlyWithApproval);
            }

            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors);
            }

            if (agreement.Status != AgreementStatus.AwaitingFinancing || agreement.FinancingRoute is not null)
            {
                return Problems.Conflict(NotNow("Finansiering kan kun afgøres, mens aftalen venter på en afgørelse om finansiering", agreement));
            }

            if (amount > agreement.RequestedDkk)
            {
                errors.Add("approvedDkk", Messages.ApprovedAboveRequested);
                return Problems.Validation(errors);
            }

            await RaiseAsync(client, id, new FinancingDecided(approved!.Value, amount, Actors.FinanceApprover), cancellationToken);
            return Accepted(agreement);
        }, cancellationToken);

    public Task<IResult> RecordMoveAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StepAsync<MoveRequest>(request, id, async (body, errors, agreement) =>
        {
            var movedOn = errors.Date("movedOn", body!.MovedOn);
            var toArea = errors.OptionalText("toArea", body.ToArea, 200);
            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors);
            }

            if (agreement.Status != AgreementStatus.AwaitingMove)
            {
                return Problems.Conflict(NotNow("Flytningen kan først registreres, når finansieringen er godkendt", agreement));
            }

            // Dates are policy dates: with a compressed day length, "today" runs ahead of the calendar.
            var clock = new PolicyClock(agreement.CreatedAt.UtcDateTime, agreement.DayLength);
            if (movedOn > clock.DateAt(time.GetUtcNow().UtcDateTime))
            {
                errors.Add("movedOn", Messages.MovedInFuture);
            }
            else if (movedOn < DanishCalendar.DateOf(agreement.CreatedAt.UtcDateTime))
            {
                errors.Add("movedOn", Messages.MovedBeforeAgreement);
            }

            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors);
            }

            await RaiseAsync(client, id, new MoveRecorded(movedOn!.Value, toArea, Actors.Caseworker), cancellationToken);
            return Accepted(agreement);
        }, cancellationToken);

    public Task<IResult> RecordMeasurementAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StepAsync<MeasurementRequest>(request, id, async (body, errors, agreement) =>
        {
            var milestone = errors.Choice("milestone", body!.Milestone, RequestValidation.MilestoneNames);
            var values = RequestValidation.Indicators(string.Empty, body.SelfSufficiencyRate, body.ResourceDrawDkk, body.TaxPaidDkk, errors);
            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors);
            }

            if (agreement.Status != AgreementStatus.Monitoring)
            {
                return Problems.Conflict(NotNow("Målinger kan kun registreres, mens aftalen er i opfølgning (efter flytningen)", agreement));
            }

            // Stored first: the workflow reads values from the store, the event only wakes it up.
            await indicators.SaveAsync(id, milestone!.Value, values!, cancellationToken);
            await RaiseAsync(client, id, new MeasurementRecorded(milestone.Value), cancellationToken);
            return Accepted(agreement);
        }, cancellationToken);

    public Task<IResult> WithdrawConsentAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StopAsync(request, client, id, StopKind.WithdrawConsent, cancellationToken);

    public Task<IResult> CancelAsync(HttpRequest request, DurableTaskClient client, string id, CancellationToken cancellationToken) =>
        StopAsync(request, client, id, StopKind.Cancel, cancellationToken);

    private Task<IResult> StopAsync(HttpRequest request, DurableTaskClient client, string id, StopKind kind, CancellationToken cancellationToken) =>
        StepAsync<CancelRequest>(request, id, async (body, errors, agreement) =>
        {
            var reason = kind == StopKind.Cancel
                ? errors.RequiredText("reason", body?.Reason, 1000)
                : errors.OptionalText("reason", body?.Reason, 1000);
            if (!errors.IsEmpty)
            {
                return Problems.Validation(errors);
            }

            if (agreement.Status.IsFinal())
            {
                return Problems.Conflict(NotNow("Aftalen er afsluttet", agreement));
            }

            if (reason is not null)
            {
                // Free text may name people: it goes to the vault, not into the workflow.
                await vault.SaveStopReasonAsync(id, reason, cancellationToken);
            }

            await RaiseAsync(client, id, new StopRequested(kind, Actors.Caseworker), cancellationToken);
            return Accepted(agreement);
        }, cancellationToken, bodyRequired: kind == StopKind.Cancel);

    /// <summary>
    /// The shared shape of every step: 404 for an unknown id, 400 for an unreadable body, then the
    /// step's own checks. The body is null only when it is optional and absent.
    /// </summary>
    private async Task<IResult> StepAsync<TBody>(
        HttpRequest request,
        string id,
        Func<TBody?, ValidationErrors, AgreementRecord, Task<IResult>> step,
        CancellationToken cancellationToken,
        bool bodyRequired = true)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var agreement = await FindAsync(id, cancellationToken);
        if (agreement is null)
        {
            return Problems.AgreementNotFound(id);
        }

        if (!bodyRequired && request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return await step(null, new ValidationErrors(), agreement);
        }

        var (body, errors) = await JsonBody.ReadAsync<TBody>(request, cancellationToken);
        return body is null ? Problems.Validation(errors) : await step(body, errors, agreement);
    }

    // A malformed id is not looked up: it cannot name an agreement.
    private async Task<AgreementRecord?> FindAsync(string id, CancellationToken cancellationToken) =>
        AgreementIds.IsWellFormed(id) ? await agreements.FindAsync(id, cancellationToken) : null;

    private static async Task<bool> StartedAnywayAsync(DurableTaskClient client, string agreementId)
    {
        try
        {
            return await client.GetInstanceAsync(agreementId, CancellationToken.None) is not null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return false;
        }
    }

    private static Task RaiseAsync<TEvent>(DurableTaskClient client, string instanceId, TEvent payload, CancellationToken cancellationToken)
        where TEvent : class =>
        client.RaiseEventAsync(instanceId, WorkflowEvents.NameOf<TEvent>(), payload, cancellationToken);

    private static IResult Accepted(AgreementRecord agreement) =>
        TypedResults.Accepted(ApiRoutes.AgreementPath(agreement.AgreementId), new AgreementAccepted(agreement.AgreementId, agreement.Status.ToString()));

    private static string NotNow(string rule, AgreementRecord agreement) =>
        $"{rule}. Aftalens status er {agreement.Status}.";

    [LoggerMessage(Level = LogLevel.Information, Message = "Created agreement {AgreementId} in municipality {MunicipalityCode} under policy {Policy}")]
    private partial void LogCreated(string agreementId, string municipalityCode, string policy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start the orchestration of agreement {AgreementId}; the agreement was removed")]
    private partial void LogStartFailed(Exception exception, string agreementId);
}
