using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.DecisionLinks;
using Mobilitet.Workflows.Digests;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>Single use of decision links and once-a-day digests rest on conditional inserts: of claims at once, exactly one wins.</summary>
public sealed class DecisionLinkLedgerTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly DateTimeOffset At = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Of_claims_of_one_link_at_once_exactly_one_wins_and_a_released_link_can_be_claimed_again()
    {
        var ledger = Get<IDecisionLinkLedger>();
        var link = new DecisionLink(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), "fa-0123456789abcdef0123-esc-move", 1, "0123456789abcdef0123456789abcdef");
        var other = link with { LinkId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) };

        Assert.False(await ledger.IsUsedAsync(link, None));
        var claims = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => ledger.TryClaimAsync(link, At, None)));

        Assert.Equal(1, claims.Count(claimed => claimed));
        Assert.True(await ledger.IsUsedAsync(link, None));
        Assert.False(await ledger.IsUsedAsync(other, None));
        await ledger.ReleaseAsync(link, None);
        Assert.False(await ledger.IsUsedAsync(link, None));
        Assert.True(await ledger.TryClaimAsync(link, At, None));
    }

    [Fact]
    public async Task A_persons_digest_is_claimed_once_a_day_and_a_finished_day_is_remembered()
    {
        var log = Get<IDigestLog>();
        var day = new DateOnly(2030, 1, 1).AddDays(Random.Shared.Next(3650));

        var claims = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => log.TryClaimAsync(day, "aaaabbbbccccddddaaaabbbbccccdddd", At, None)));

        Assert.Equal(1, claims.Count(claimed => claimed));
        Assert.True(await log.TryClaimAsync(day.AddDays(1), "aaaabbbbccccddddaaaabbbbccccdddd", At, None));
        Assert.True(await log.TryClaimAsync(day, "eeeeffff00001111eeeeffff00001111", At, None));
        Assert.False(await log.IsDayCompleteAsync(day, None));
        await log.MarkDayCompleteAsync(day, At, None);
        await log.MarkDayCompleteAsync(day, At.AddMinutes(5), None);
        Assert.True(await log.IsDayCompleteAsync(day, None));
        Assert.False(await log.IsDayCompleteAsync(day.AddDays(1), None));
    }

    [Fact]
    public async Task A_claim_whose_answer_was_lost_after_storage_took_it_is_still_its_makers()
    {
        // The SDK retries the insert and meets the row its first attempt wrote (409). Taken for another's claim, the
        // supervisor's decision from the link would be refused as already made, and the day's digest not sent.
        var link = new DecisionLink(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), "fa-0123456789abcdef0123-esc-move", 1, "0123456789abcdef0123456789abcdef");
        var linkAnswer = new LostAnswer();
        Assert.True(await new TableDecisionLinkLedger(linkAnswer.Tables(Azurite.ConnectionString), Get<IOptions<StorageOptions>>()).TryClaimAsync(link, At, None));
        Assert.Equal(1, linkAnswer.Lost);
        Assert.False(await Get<IDecisionLinkLedger>().TryClaimAsync(link, At, None));

        var day = new DateOnly(2030, 1, 1).AddDays(Random.Shared.Next(3650));
        var digestAnswer = new LostAnswer();
        Assert.True(await new TableDigestLog(digestAnswer.Tables(Azurite.ConnectionString), Get<IOptions<StorageOptions>>()).TryClaimAsync(day, "aaaabbbbccccddddaaaabbbbccccdddd", At, None));
        Assert.Equal(1, digestAnswer.Lost);
        Assert.False(await Get<IDigestLog>().TryClaimAsync(day, "aaaabbbbccccddddaaaabbbbccccdddd", At, None));
    }
}
