using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// Check-ins in table <see cref="StorageNames.WellBeingCheckIns"/>: PartitionKey = agreement id, RowKey = milestone. An
/// invitation is added once (a second is refused by the table and the first kept); an answer replaces the row only in
/// the version that was read open, so of two answers at once exactly one is recorded.
/// </summary>
public sealed class TableCheckInStore : ICheckInStore
{
    private readonly TableClient table;

    public TableCheckInStore(TableServiceClient service, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        table = service.GetTableClient(options.Value.TableName(StorageNames.WellBeingCheckIns));
    }

    public async Task<CheckIn> InviteAsync(CheckIn invitation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        var row = new TableEntity(TableKeys.RequireSafe(invitation.AgreementId, nameof(invitation)), invitation.Milestone.ToString())
        {
            [Columns.InvitedAt] = invitation.InvitedAt,
            [Columns.ExpiresAt] = invitation.ExpiresAt,
        };
        try
        {
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return invitation;
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.Conflict)
        {
            return await FindAsync(invitation.AgreementId, invitation.Milestone, cancellationToken).ConfigureAwait(false) ?? invitation;
        }
    }

    public async Task<CheckIn?> FindAsync(string agreementId, Milestone milestone, CancellationToken cancellationToken)
    {
        var row = await table.FindAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), milestone.ToString(), cancellationToken).ConfigureAwait(false);
        return row is null ? null : FromEntity(row, milestone);
    }

    public async Task<CheckInAnswer> AnswerAsync(string agreementId, Milestone milestone, int score, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, CheckIn.LowestScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, CheckIn.HighestScore);
        var row = await table.FindAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), milestone.ToString(), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return CheckInAnswer.NotFound;
        }

        var checkIn = FromEntity(row, milestone);
        if (checkIn.IsAnswered)
        {
            return CheckInAnswer.AlreadyAnswered;
        }

        if (!checkIn.IsOpenAt(at))
        {
            return CheckInAnswer.Expired;
        }

        row[Columns.Score] = score;
        row[Columns.AnsweredAt] = at;
        try
        {
            // Another answer may come first; a lost answer's retry meeting this one is still this answer.
            return await table.TryReplaceAsReadAsync(row, cancellationToken).ConfigureAwait(false) ? CheckInAnswer.Recorded : CheckInAnswer.AlreadyAnswered;
        }
        catch (RequestFailedException e) when (e.Status == TableOperations.NotFound)
        {
            return CheckInAnswer.NotFound; // erased meanwhile
        }
    }

    public Task EraseAsync(string agreementId, CancellationToken cancellationToken) =>
        table.DeletePartitionAsync(TableKeys.RequireSafe(agreementId, nameof(agreementId)), cancellationToken);

    private static CheckIn FromEntity(TableEntity row, Milestone milestone) =>
        new(row.PartitionKey, milestone, row.RequiredInstant(Columns.InvitedAt), row.RequiredInstant(Columns.ExpiresAt))
        {
            Score = row.GetInt32(Columns.Score),
            AnsweredAt = row.GetDateTimeOffset(Columns.AnsweredAt),
        };

    private static class Columns
    {
        public const string InvitedAt = "InvitedAt";
        public const string ExpiresAt = "ExpiresAt";
        public const string Score = "Score";
        public const string AnsweredAt = "AnsweredAt";
    }
}
