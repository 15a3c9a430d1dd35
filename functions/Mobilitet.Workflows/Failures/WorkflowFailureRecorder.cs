using Microsoft.Extensions.Logging;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Timeline;
using Mobilitet.Workflows.Workflow;

namespace Mobilitet.Workflows.Failures;

/// <summary>
/// Makes a failed workflow visible to people: a failed agreement workflow sets the agreement's status to
/// <see cref="AgreementStatus.Failed"/>, and every failure (the agreement's or one of its escalations')
/// is written on the agreement's timeline with its reason and logged at error level. The agreement
/// workflow reports its own failure; the failure sweep finds the ones it could not report. Recording the
/// same failure twice changes nothing and logs once.
/// </summary>
public sealed partial class WorkflowFailureRecorder(
    IAgreementRepository agreements,
    ITimeline timeline,
    ILogger<WorkflowFailureRecorder> logger)
{
    /// <param name="instanceId">An agreement id or an escalation id.</param>
    /// <param name="at">When the workflow failed (orchestration time); it keys the timeline entry.</param>
    /// <returns>True if the failure was recorded now; false if it had been, or the instance is no agreement's.</returns>
    public async Task<bool> RecordAsync(string instanceId, DateTimeOffset at, WorkflowFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (EscalationIds.TryParseAgreementId(instanceId, out var escalationOf))
        {
            return await RecordEscalationAsync(escalationOf, instanceId, at, failure, cancellationToken);
        }

        var agreement = AgreementIds.IsWellFormed(instanceId) ? await agreements.FindAsync(instanceId, cancellationToken) : null;
        if (agreement is null)
        {
            LogUnknownInstanceFailed(instanceId, failure.ErrorType, failure.Message);
            return false;
        }

        if (agreement.Status == AgreementStatus.Failed)
        {
            return false;
        }

        // Timeline first: whoever sees the Failed status also sees why.
        await timeline.AppendAsync(instanceId, new TimelineEntry(at, TimelineKind.WorkflowFailed, Actors.System, failure.Reason), cancellationToken);
        await agreements.UpdateAsync(instanceId, at, current => current with { Status = AgreementStatus.Failed }, cancellationToken);
        LogAgreementFailed(instanceId, agreement.Status, failure.ErrorType, failure.Message);
        return true;
    }

    private async Task<bool> RecordEscalationAsync(string agreementId, string escalationId, DateTimeOffset at, WorkflowFailure failure, CancellationToken cancellationToken)
    {
        var entries = await timeline.ReadAsync(agreementId, cancellationToken);
        var detail = $"{escalationId}: {failure.Reason}";
        if (entries.Any(entry => entry.Kind == TimelineKind.EscalationFailed && entry.Detail?.StartsWith(escalationId + ":", StringComparison.Ordinal) == true))
        {
            return false;
        }

        await timeline.AppendAsync(agreementId, new TimelineEntry(at, TimelineKind.EscalationFailed, Actors.System, detail), cancellationToken);
        LogEscalationFailed(escalationId, agreementId, failure.ErrorType, failure.Message);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The workflow of agreement {AgreementId} failed while {Status}: {ErrorType}: {ErrorMessage}. The agreement is marked Failed and waits for an operator")]
    private partial void LogAgreementFailed(string agreementId, AgreementStatus status, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation {EscalationId} of agreement {AgreementId} failed: {ErrorType}: {ErrorMessage}")]
    private partial void LogEscalationFailed(string escalationId, string agreementId, string errorType, string errorMessage);

    [LoggerMessage(Level = LogLevel.Error, Message = "Orchestration {InstanceId} failed and belongs to no known agreement: {ErrorType}: {ErrorMessage}")]
    private partial void LogUnknownInstanceFailed(string instanceId, string errorType, string errorMessage);
}
