using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Decisions;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class DecisionLogTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private IDecisionLog Decisions => Get<IDecisionLog>();

    private static Decision Financing(string agreementId, string decision, string actor = "finance-approver") => new()
    {
        AgreementId = agreementId,
        Subject = DecisionSubjects.Financing,
        Fields = new Dictionary<string, string> { ["decision"] = decision },
        Actor = actor,
        At = Samples.Created.AddDays(12),
    };

    [Fact]
    public async Task Of_twenty_concurrent_claims_on_one_subject_exactly_one_is_recorded_and_all_see_it()
    {
        var id = AgreementIds.New();
        var claims = Enumerable.Range(0, 20)
            .Select(i => Financing(id, i % 2 == 0 ? "approved" : "rejected", actor: $"approver-{i}"))
            .ToList();

        var results = await Task.WhenAll(claims.Select(claim => Decisions.ClaimAsync(claim, None)));

        var winner = Assert.Single(results, result => result.Recorded).Standing;
        Assert.All(results, result => Assert.Equal(winner, result.Standing, DecisionComparer.Instance));
        Assert.Contains(claims, claim => claim.SameAs(winner) && claim.Actor == winner.Actor);
        Assert.True((await Decisions.FindAsync(id, DecisionSubjects.Financing, None))!.SameAs(winner));
    }

    [Fact]
    public async Task A_claim_whose_answer_was_lost_after_storage_took_it_is_recorded_by_its_maker()
    {
        // The SDK retries the insert and meets the row its first attempt wrote (409). Taken for an earlier decision, the
        // request would be answered as a repeat and the decision would never get its audit entry.
        var id = AgreementIds.New();
        var lostAnswer = new LostAnswer();
        var unlucky = new TableDecisionLog(lostAnswer.Tables(Azurite.ConnectionString), Get<IOptions<StorageOptions>>());

        var (standing, recorded) = await unlucky.ClaimAsync(Financing(id, "approved"), None);

        Assert.Equal(1, lostAnswer.Lost);
        Assert.True(recorded);
        Assert.True(standing.SameAs(Financing(id, "approved")));
        var repeat = await Decisions.ClaimAsync(Financing(id, "approved"), None);
        Assert.False(repeat.Recorded);
        Assert.True(repeat.Standing.SameAs(standing));
    }

    [Fact]
    public async Task A_claim_round_trips_every_field_and_other_subjects_are_independent()
    {
        var id = AgreementIds.New();
        var move = new Decision
        {
            AgreementId = id,
            Subject = DecisionSubjects.Move,
            Fields = new Dictionary<string, string> { ["movedOn"] = "2027-03-01", ["toArea"] = "Viby J" },
            Actor = "caseworker",
            At = Samples.Created.AddDays(40),
        };

        Assert.True((await Decisions.ClaimAsync(move, None)).Recorded);
        Assert.True((await Decisions.ClaimAsync(Financing(id, "approved"), None)).Recorded);

        var found = await Decisions.FindAsync(id, DecisionSubjects.Move, None);
        Assert.Equal(move, found, DecisionComparer.Instance);
        Assert.False(found!.Delivered);
        Assert.Null(await Decisions.FindAsync(id, DecisionSubjects.Consent, None));
    }

    [Fact]
    public async Task Undelivered_decisions_are_listed_until_marked_delivered()
    {
        var id = AgreementIds.New();
        var decision = Financing(id, "rejected");
        await Decisions.ClaimAsync(decision, None);

        Assert.Empty(await Decisions.ListUndeliveredAsync(decision.At, None));
        Assert.Contains(await Decisions.ListUndeliveredAsync(decision.At.AddMinutes(1), None), listed => listed.SameAs(decision));

        await Decisions.MarkDeliveredAsync(decision, None);

        Assert.DoesNotContain(await Decisions.ListUndeliveredAsync(decision.At.AddMinutes(1), None), listed => listed.AgreementId == id);
        Assert.True((await Decisions.FindAsync(id, DecisionSubjects.Financing, None))!.Delivered);
    }

    /// <summary>Records with a dictionary compare by reference; decisions compare by value here.</summary>
    private sealed class DecisionComparer : IEqualityComparer<Decision?>
    {
        public static readonly DecisionComparer Instance = new();

        public bool Equals(Decision? x, Decision? y) =>
            x is not null && y is not null && x.SameAs(y) && x.Actor == y.Actor && x.At == y.At && x.Delivered == y.Delivered;

        public int GetHashCode(Decision? obj) => obj?.Subject.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
