using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Audit;
using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Financing;
using Mobilitet.Workflows.Hosting.Composition;
using Mobilitet.Workflows.Hosting.Http.Requests;
using Mobilitet.Workflows.Hosting.Maintenance;
using Mobilitet.Workflows.Hosting.Telemetry;
using Mobilitet.Workflows.Hosting.Validation;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Policies;
using Mobilitet.Workflows.RegisterImports;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Hosting.Commands;

/// <summary>
/// What caseworkers and finance approvers do to an agreement, whatever they do it from (the JSON API
/// or a form). Order of checks: unknown id, the person's role and municipality (403), bad input, wrong
/// state, workflow not running; nothing changes unless every check passes. Decisions (consent, financing, move) go through the
/// <see cref="DecisionDesk"/>, so the first one wins; events go only to a running workflow.
/// </summary>
public sealed partial class AgreementCommands(
    IAgreementRepository agreements,
    IPersonalDataVault vault,
    IPersonKeyIndex personKeyIndex,
    IRegisterRowStore registerRows,
    PersonKeys personKeys,
    ITimeline timeline,
    IIndicatorStore indicators,
    DecisionDesk decisions,
    IAuditLog audit,
    WorkflowGate gate,
    IOptions<LifecycleOptions> lifecycle,
    IOptions<FinancingOptions> financing,
    TimeProvider time,
    ILogger<AgreementCommands> logger)
{
    public Task<CommandResult> CreateAsync(DurableTaskClient client, CurrentUser user, CreateAgreementRequest request, CancellationToken cancellationToken) =>
        CreateAsync(client, user, request, caseload: null, cancellationToken);

    /// <summary>
    /// Creates an agreement from the form (<paramref name="caseload"/> null: a caseworker in the agreement's municipality)
    /// or from a row of a caseload import (a caseworker or an administrator in the agreement's municipality,
    /// <see cref="Access.MayImportCaseloadFor"/>). Either way the same validation, the same writes and the same start;
    /// an import only chooses the agreement id (<see cref="CaseloadReservation"/>), after every check has passed and
    /// before anything is written, so a rerun after a crash completes the same agreement.
    /// </summary>
    public async Task<CommandResult> CreateAsync(DurableTaskClient client, CurrentUser user, CreateAgreementRequest request, CaseloadReservation? caseload, CancellationToken cancellationToken)
    {
        using var activity = MobilitetTelemetry.Source.StartActivity("CreateAgreement");
        return activity.Outcome(await CreateUntracedAsync(client, user, request, caseload, cancellationToken));
    }

    private async Task<CommandResult> CreateUntracedAsync(DurableTaskClient client, CurrentUser user, CreateAgreementRequest request, CaseloadReservation? caseload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        if (caseload is null ? !user.IsIn(Roles.Caseworker) : !user.MayImportCaseload())
        {
            return caseload is null ? RoleRequired(Roles.Caseworker) : new CommandResult.Forbidden(CaseloadRoleRequired);
        }

        var errors = new ValidationErrors();
        var now = time.GetUtcNow();
        var form = RequestValidation.Validate(request, DanishCalendar.DateOf(now.UtcDateTime), errors, financing.Value.DefaultInstrument);
        if (form is null)
        {
            return new CommandResult.Invalid(errors);
        }

        if (caseload is null ? !user.MayActAs(Roles.Caseworker, form.MunicipalityCode) : !user.MayImportCaseloadFor(form.MunicipalityCode))
        {
            return new CommandResult.Forbidden(OtherMunicipalityCreate);
        }

        var agreement = new AgreementRecord
        {
            AgreementId = caseload is null ? AgreementIds.New() : await caseload(form, cancellationToken),
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
            InstrumentName = form.InstrumentName,
            SupervisorLevels = form.PersonalData.SupervisorEmails.Count,
            CaseworkerId = user.Id, // the responsible caseworker, for "my agreements" (an opaque id, no name)
        };
        var agreementId = agreement.AgreementId;

        // Data first, then the orchestration: the workflow only ever sees the id. A crash in between
        // leaves an agreement without a workflow, which UnstartedAgreementRepair starts later. The vault
        // row goes before the agreement row (an agreement the repair job finds has its parties); the
        // timeline entry, which nothing reads before the agreement exists, is written beside them.
        var created = timeline.StartAsync(agreementId, new TimelineEntry(now, TimelineKind.AgreementCreated, user.IsIn(Roles.Caseworker) ? Actors.Caseworker : Actors.Administrator), cancellationToken);
        try
        {
            await Task.WhenAll(created, SaveDataAsync(agreement, form.PersonalData, cancellationToken));
        }
        catch (Exception exception)
        {
            // Part of it may stand, and a vault row without its agreement row is personal data that no list shows and no
            // retention erases: undo every write (also when the client went away meanwhile). If the undo fails too, or
            // the rows may be an earlier run's agreement, the exception answers 503 "may not be done" (Problems.ForException).
            LogSaveFailed(exception, agreementId);
            if (!await MayUndoAsync(client, agreementId, ifEngineSilent: caseload is null))
            {
                throw;
            }

            await UndoCreateAsync(agreement);
            if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return new CommandResult.Unavailable("Flytteaftalen kunne ikke gemmes, og intet er gemt.");
        }

        try
        {
            await AgreementStarter.StartAsync(client, agreement, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The engine may have taken the start even so: then the agreement stands.
            if (await MayUndoAsync(client, agreementId, ifEngineSilent: true))
            {
                // Without its orchestration the agreement would sit still: undo it and say so.
                LogStartFailed(exception, agreementId);
                await UndoCreateAsync(agreement);
                return new CommandResult.Unavailable("Flytteaftalen kunne ikke startes, og intet er gemt.");
            }
        }

        // Audited once it stands (an undone create is no agreement); the detail says how it came (form or caseload import).
        await audit.AppendAsync(AuditedBy.Of(user).Did(AuditAction.AgreementCreated, agreementId, now, caseload is null ? "source=form" : "source=caseload"), cancellationToken);
        LogCreated(agreementId, form.MunicipalityCode, form.PolicyName);
        return new CommandResult.Created(agreement);
    }

    // Every write of a create, in the reverse order of SaveDataAsync; each is a no-op for a write that did not happen.
    private async Task UndoCreateAsync(AgreementRecord agreement)
    {
        await agreements.RemoveAsync(agreement.AgreementId, CancellationToken.None);
        await personKeyIndex.RemoveAsync(agreement.MunicipalityCode, agreement.AgreementId, CancellationToken.None);
        await registerRows.EraseAsync(agreement.AgreementId, CancellationToken.None); // an import may have matched it meanwhile
        await vault.EraseAsync(agreement.AgreementId, CancellationToken.None);
    }

    private async Task SaveDataAsync(AgreementRecord agreement, AgreementPersonalData personalData, CancellationToken cancellationToken)
    {
        // The CPR goes to the vault and its person key to the index, both before the agreement row: every agreement
        // that exists can be found by a register import (and erased from the index with its personal data).
        var person = new PersonKeyEntry(personKeys.KeyOf(personalData.Resident.Cpr), agreement.AgreementId, agreement.MunicipalityCode);
        await Task.WhenAll(
            vault.SaveAsync(agreement.AgreementId, personalData, cancellationToken),
            personKeyIndex.AddAsync(person, cancellationToken));
        await agreements.AddAsync(agreement, cancellationToken);
    }

    public Task<CommandResult> RecordConsentAsync(DurableTaskClient client, CurrentUser user, string id, ConsentRequest request, CancellationToken cancellationToken) =>
        WithDecisionAsync(client, id, user, Roles.Caseworker, DecisionSubjects.Consent, async (agreement, reads) =>
        {
            var errors = new ValidationErrors();
            var given = errors.Choice("decision", request.Decision, RequestValidation.ConsentDecisions);
            if (!errors.IsEmpty)
            {
                return new CommandResult.Invalid(errors);
            }

            return await decisions.DecideAsync(
                client,
                DecisionCodec.Consent(id, given!.Value, Actors.Caseworker, time.GetUtcNow()),
                AuditedBy.Of(user),
                notNow: () => agreement.Status == AgreementStatus.AwaitingConsent
                    ? null
                    : NotNow("Samtykke kan kun registreres, mens aftalen venter på samtykke", agreement),
                accepted: () => new CommandResult.Accepted(agreement),
                cancellationToken,
                readAhead: reads);
        }, cancellationToken);

    public Task<CommandResult> RecordFinancingDecisionAsync(DurableTaskClient client, CurrentUser user, string id, FinancingDecisionRequest request, CancellationToken cancellationToken) =>
        WithAgreementAsync(id, user, Roles.FinanceApprover, async agreement =>
        {
            var errors = new ValidationErrors();
            var approved = errors.Choice("decision", request.Decision, RequestValidation.FinancingDecisions);
            decimal? amount = request.ApprovedDkk is null ? null : errors.Amount("approvedDkk", request.ApprovedDkk, RequestValidation.MaxAmountDkk, allowZero: false);
            if (approved == false && amount is not null)
            {
                errors.Add("approvedDkk", Messages.ApprovedOnlyWithApproval);
            }

            if (amount > agreement.RequestedDkk)
            {
                errors.Add("approvedDkk", Messages.ApprovedAboveRequested);
            }
            else if (amount > agreement.Instrument().MaxAmountDkk)
            {
                errors.Add("approvedDkk", Messages.ApprovedAboveInstrumentCap(agreement.Instrument().MaxAmountDkk));
            }

            // Every decision a person takes on financing says why, approval and rejection alike (issue 12: who, when, amount, reason).
            var reason = errors.RequiredText("reason", request.Reason, RequestValidation.TextLength, multiline: true);

            if (!errors.IsEmpty)
            {
                return new CommandResult.Invalid(errors);
            }

            // Only a request the workflow has put before an approver can be decided (not one it approves by itself).
            var requested = agreement.Status == AgreementStatus.AwaitingFinancing && agreement.FinancingRoute is null
                && (await timeline.ReadAsync(id, cancellationToken)).Any(entry => entry.Kind == TimelineKind.FinancingRequested);
            return await decisions.DecideAsync(
                client,
                DecisionCodec.Financing(id, approved!.Value, amount, Actors.FinanceApprover, time.GetUtcNow()),
                AuditedBy.Of(user),
                notNow: () => requested
                    ? null
                    : NotNow("Finansiering kan kun afgøres, mens aftalen venter på en bevillingsansvarligs afgørelse om finansiering", agreement),
                accepted: () => new CommandResult.Accepted(agreement),
                cancellationToken,
                // The reason is free text that may name people: the vault keeps it, the decision and the workflow never see it.
                // A repeat stores it if the first request died before it could (the decision's fields decide what is a repeat).
                isRepeat: async _ =>
                {
                    if ((await vault.FindAsync(id, cancellationToken))?.FinancingDecisionReason is null)
                    {
                        await vault.SaveFinancingDecisionReasonAsync(id, reason!, cancellationToken);
                    }

                    return true;
                },
                whenRecorded: () => vault.SaveFinancingDecisionReasonAsync(id, reason!, cancellationToken));
        }, cancellationToken);

    public Task<CommandResult> RecordMoveAsync(DurableTaskClient client, CurrentUser user, string id, MoveRequest request, CancellationToken cancellationToken) =>
        WithDecisionAsync(client, id, user, Roles.Caseworker, DecisionSubjects.Move, async (agreement, reads) =>
        {
            var errors = new ValidationErrors();
            var movedOn = errors.Date("movedOn", request.MovedOn);
            var toArea = errors.OptionalText("toArea", request.ToArea, RequestValidation.NameLength);
            if (movedOn is { } date)
            {
                // Dates are policy dates: with a compressed day length, "today" runs ahead of the calendar.
                var clock = new PolicyClock(agreement.CreatedAt.UtcDateTime, agreement.DayLength);
                if (date > clock.DateAt(time.GetUtcNow().UtcDateTime))
                {
                    errors.Add("movedOn", Messages.MovedInFuture);
                }
                else if (date < DanishCalendar.DateOf(agreement.CreatedAt.UtcDateTime))
                {
                    errors.Add("movedOn", Messages.MovedBeforeAgreement);
                }
            }

            if (!errors.IsEmpty)
            {
                return new CommandResult.Invalid(errors);
            }

            return await decisions.DecideAsync(
                client,
                DecisionCodec.Move(id, movedOn!.Value, toArea, Actors.Caseworker, time.GetUtcNow()),
                AuditedBy.Of(user),
                notNow: () => agreement.Status == AgreementStatus.AwaitingMove
                    ? null
                    : NotNow("Flytningen kan først registreres, når finansieringen er godkendt", agreement),
                accepted: () => new CommandResult.Accepted(agreement),
                cancellationToken,
                readAhead: reads);
        }, cancellationToken);

    public Task<CommandResult> RecordMeasurementAsync(DurableTaskClient client, CurrentUser user, string id, MeasurementRequest request, CancellationToken cancellationToken) =>
        WithAgreementAsync(id, user, Roles.Caseworker, async agreement =>
        {
            var errors = new ValidationErrors();
            var milestone = errors.Choice("milestone", request.Milestone, RequestValidation.MilestoneNames);
            var values = RequestValidation.Indicators(string.Empty, request.SelfSufficiencyRate, request.ResourceDrawDkk, request.TaxPaidDkk, errors);
            if (!errors.IsEmpty)
            {
                return new CommandResult.Invalid(errors);
            }

            if (agreement.Status != AgreementStatus.Monitoring)
            {
                return NotNow("Målinger kan kun registreres, mens aftalen er i opfølgning (efter flytningen)", agreement);
            }

            if (await gate.CheckAsync(client, id, cancellationToken) is { } blocked)
            {
                return blocked;
            }

            // Stored first: the workflow reads values from the store, the event only wakes it up. Audited once stored.
            var now = time.GetUtcNow();
            await indicators.SaveAsync(id, milestone!.Value, new ManualIndicators(values!, user.Id, now), cancellationToken);
            await audit.AppendAsync(AuditedBy.Of(user).Did(AuditAction.MeasurementRecorded, id, now, $"milestone={milestone.Value}"), cancellationToken);
            return await RaiseAsync(client, agreement, new MeasurementRecorded(milestone.Value), cancellationToken);
        }, cancellationToken);

    public Task<CommandResult> WithdrawConsentAsync(DurableTaskClient client, CurrentUser user, string id, CancelRequest? request, CancellationToken cancellationToken) =>
        StopAsync(client, user, id, StopKind.WithdrawConsent, request, cancellationToken);

    public Task<CommandResult> CancelAsync(DurableTaskClient client, CurrentUser user, string id, CancelRequest request, CancellationToken cancellationToken) =>
        StopAsync(client, user, id, StopKind.Cancel, request, cancellationToken);

    private Task<CommandResult> StopAsync(DurableTaskClient client, CurrentUser user, string id, StopKind kind, CancelRequest? request, CancellationToken cancellationToken) =>
        WithAgreementAsync(id, user, Roles.Caseworker, async agreement =>
        {
            var errors = new ValidationErrors();
            var reason = kind == StopKind.Cancel
                ? errors.RequiredText("reason", request?.Reason, RequestValidation.TextLength, multiline: true)
                : errors.OptionalText("reason", request?.Reason, RequestValidation.TextLength, multiline: true);
            if (!errors.IsEmpty)
            {
                return new CommandResult.Invalid(errors);
            }

            if (agreement.Status.AcceptsNoSteps())
            {
                return NotNow("Aftalen er afsluttet eller venter på en driftsansvarlig", agreement);
            }

            if (await gate.CheckAsync(client, id, cancellationToken) is { } blocked)
            {
                return blocked;
            }

            if (reason is not null)
            {
                // Free text may name people: it goes to the vault, not into the workflow.
                await vault.SaveStopReasonAsync(id, reason, cancellationToken);
            }

            var result = await RaiseAsync(client, agreement, new StopRequested(kind, Actors.Caseworker), cancellationToken);
            if (result is CommandResult.Accepted)
            {
                var action = kind == StopKind.Cancel ? AuditAction.AgreementCancelled : AuditAction.ConsentWithdrawn;
                await audit.AppendAsync(AuditedBy.Of(user).Did(action, id, time.GetUtcNow()), cancellationToken);
            }

            return result;
        }, cancellationToken);

    // A decision on the agreement: the decision log and the workflow's state are read beside the agreement's
    // row (round trips at once, not one after the other); the decision desk looks at them only after every
    // check here has passed, so the order of checks and answers is that of WithAgreementAsync.
    private async Task<CommandResult> WithDecisionAsync(
        DurableTaskClient client,
        string id,
        CurrentUser user,
        string role,
        string subject,
        Func<AgreementRecord, DecisionDesk.Reads?, Task<CommandResult>> command,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var reads = AgreementIds.IsWellFormed(id) ? decisions.ReadAhead(client, id, subject, id, cancellationToken) : null;
        try
        {
            return await WithAgreementAsync(id, user, role, agreement => command(agreement, reads), cancellationToken);
        }
        finally
        {
            reads?.Abandon(); // observes a failed read nobody looked at; harmless after use
        }
    }

    // A malformed id is not looked up: it cannot name an agreement. Another municipality's agreement,
    // or a step of another role, is refused before anything about the request is looked at.
    private async Task<CommandResult> WithAgreementAsync(string id, CurrentUser user, string role, Func<AgreementRecord, Task<CommandResult>> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var agreement = AgreementIds.IsWellFormed(id) ? await agreements.FindAsync(id, cancellationToken) : null;
        if (agreement is null)
        {
            return new CommandResult.AgreementNotFound(id);
        }

        if (!user.MayRead(agreement.MunicipalityCode) && !user.Serves(agreement.MunicipalityCode))
        {
            return OtherMunicipality;
        }

        return user.MayActAs(role, agreement.MunicipalityCode) ? await command(agreement) : RoleRequired(role);
    }

    /// <summary>Why an agreement of another municipality is not created (the form, the API, a caseload row).</summary>
    public const string OtherMunicipalityCreate = "Du kan kun oprette flytteaftaler i de kommuner, du arbejder for.";

    public const string CaseloadRoleRequired = "Kun sagsbehandlere og administratorer kan indlæse eksisterende flytteaftaler.";

    private static readonly CommandResult.Forbidden OtherMunicipality =
        new("Aftalen hører til en kommune, du ikke arbejder for.");

    private static CommandResult.Forbidden RoleRequired(string role) =>
        new($"Handlingen kræver rollen {Roles.DanishName(role).ToLower(Notifications.DanishFormat.Culture)} i aftalens kommune.");

    /// <summary>
    /// Whether a create that failed may be undone: not if the engine has the agreement's workflow (it took the start even
    /// so, or a caseload import's earlier run, which reuses the id, started it); <paramref name="ifEngineSilent"/> when
    /// the engine cannot be asked.
    /// </summary>
    private static async Task<bool> MayUndoAsync(DurableTaskClient client, string agreementId, bool ifEngineSilent)
    {
        try
        {
            return await client.GetInstanceAsync(agreementId, CancellationToken.None) is null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return ifEngineSilent;
        }
    }

    private async Task<CommandResult> RaiseAsync<TEvent>(DurableTaskClient client, AgreementRecord agreement, TEvent payload, CancellationToken cancellationToken)
        where TEvent : class
    {
        try
        {
            await client.RaiseEventAsync(agreement.AgreementId, WorkflowEvents.NameOf<TEvent>(), payload, cancellationToken);
            return new CommandResult.Accepted(agreement);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogRaiseFailed(exception, agreement.AgreementId, WorkflowEvents.NameOf<TEvent>());
            return new CommandResult.Unavailable("Arbejdsgangen kunne ikke nås. Prøv igen.");
        }
    }

    private static CommandResult.Conflict NotNow(string rule, AgreementRecord agreement) =>
        new($"{rule}. Aftalens status er: {Web.Shared.AgreementStatusTag.Text(agreement.Status).ToLower(Notifications.DanishFormat.Culture)}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Created agreement {AgreementId} in municipality {MunicipalityCode} under policy {Policy}")]
    private partial void LogCreated(string agreementId, string municipalityCode, string policy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not raise {EventName} to agreement {AgreementId}")]
    private partial void LogRaiseFailed(Exception exception, string agreementId, string eventName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start the orchestration of agreement {AgreementId}; the agreement was removed")]
    private partial void LogStartFailed(Exception exception, string agreementId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store agreement {AgreementId}; undoing what was written")]
    private partial void LogSaveFailed(Exception exception, string agreementId);
}
