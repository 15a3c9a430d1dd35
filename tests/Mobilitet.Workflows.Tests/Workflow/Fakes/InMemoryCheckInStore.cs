using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Workflows.Tests.Workflow.Fakes;

/// <summary>Check-ins in memory, with the table adapter's rules: the first invitation stays, an answer is recorded once while open.</summary>
public sealed class InMemoryCheckInStore : ICheckInStore
{
    private readonly Dictionary<(string AgreementId, Milestone Milestone), CheckIn> checkIns = [];
    private readonly Lock gate = new();

    public Task<CheckIn> InviteAsync(CheckIn invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        lock (gate)
        {
            return Task.FromResult(checkIns.TryAdd((invitation.AgreementId, invitation.Milestone), invitation)
                ? invitation
                : checkIns[(invitation.AgreementId, invitation.Milestone)]);
        }
    }

    public Task<CheckIn?> FindAsync(string agreementId, Milestone milestone, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(checkIns.GetValueOrDefault((agreementId, milestone)));
        }
    }

    public Task<CheckInAnswer> AnswerAsync(string agreementId, Milestone milestone, int score, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!checkIns.TryGetValue((agreementId, milestone), out var checkIn))
            {
                return Task.FromResult(CheckInAnswer.NotFound);
            }

            if (checkIn.IsAnswered)
            {
                return Task.FromResult(CheckInAnswer.AlreadyAnswered);
            }

            if (!checkIn.IsOpenAt(at))
            {
                return Task.FromResult(CheckInAnswer.Expired);
            }

            checkIns[(agreementId, milestone)] = checkIn with { Score = score, AnsweredAt = at };
            return Task.FromResult(CheckInAnswer.Recorded);
        }
    }

    public Task EraseAsync(string agreementId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var key in checkIns.Keys.Where(key => key.AgreementId == agreementId).ToList())
            {
                checkIns.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}
