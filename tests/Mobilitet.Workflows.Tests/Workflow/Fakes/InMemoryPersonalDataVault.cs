using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.PersonalData;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>The personal-data vault in memory.</summary>
public sealed class InMemoryPersonalDataVault : IPersonalDataVault
{
    private readonly Dictionary<string, AgreementPersonalData> data = new(StringComparer.Ordinal);
    private readonly Dictionary<(string AgreementId, string EscalationId), string> notes = [];
    private readonly Lock gate = new();

    public Task SaveAsync(string agreementId, AgreementPersonalData data, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            this.data[agreementId] = data;
        }

        return Task.CompletedTask;
    }

    public Task<AgreementPersonalData?> FindAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(data.GetValueOrDefault(agreementId));
        }
    }

    public Task SaveStopReasonAsync(string agreementId, string reason, CancellationToken cancellationToken) =>
        Change(agreementId, current => current with { StopReason = reason });

    public Task SaveFinancingDecisionReasonAsync(string agreementId, string reason, CancellationToken cancellationToken) =>
        Change(agreementId, current => current with { FinancingDecisionReason = reason });

    public Task SaveEscalationNoteAsync(string agreementId, string escalationId, string note, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            notes[(agreementId, escalationId)] = note;
        }

        return Task.CompletedTask;
    }

    public Task<string?> FindEscalationNoteAsync(string agreementId, string escalationId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(notes.GetValueOrDefault((agreementId, escalationId)));
        }
    }

    public Task SaveCheckInCommentAsync(string agreementId, Milestone milestone, string comment, CancellationToken cancellationToken) =>
        SaveEscalationNoteAsync(agreementId, $"checkin:{milestone}", comment, cancellationToken);

    public Task<string?> FindCheckInCommentAsync(string agreementId, Milestone milestone, CancellationToken cancellationToken) =>
        FindEscalationNoteAsync(agreementId, $"checkin:{milestone}", cancellationToken);

    public Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            data.Remove(agreementId);
            foreach (var key in notes.Keys.Where(key => key.AgreementId == agreementId).ToList())
            {
                notes.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    private Task Change(string agreementId, Func<AgreementPersonalData, AgreementPersonalData> change)
    {
        lock (gate)
        {
            if (data.TryGetValue(agreementId, out var current))
            {
                data[agreementId] = change(current);
            }
        }

        return Task.CompletedTask;
    }
}
