using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Operations;

namespace Mobilitet.Workflows.Azure.Tests;

/// <summary>Operator actions on one agreement take turns: a lock is an insert, taken over only once expired, released only by its holder.</summary>
public sealed class OperatorLocksTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly DateTimeOffset At = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Of_five_actions_at_once_one_gets_the_turn_and_after_its_release_the_next_does()
    {
        var locks = Get<IOperatorLocks>();
        var id = NewAgreementId();

        var turns = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => locks.TryAcquireAsync(id, At, None)));

        var held = Assert.Single(turns, turn => turn is not null)!;
        Assert.Null(await locks.TryAcquireAsync(id, At + IOperatorLocks.Hold - TimeSpan.FromSeconds(1), None));
        await using (var other = await locks.TryAcquireAsync(NewAgreementId(), At, None))
        {
            Assert.NotNull(other); // another agreement has its own turn
        }

        await held.DisposeAsync();
        await using var next = await locks.TryAcquireAsync(id, At, None);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task An_expired_lock_is_taken_over_once_and_its_late_release_leaves_the_new_holder_alone()
    {
        var locks = Get<IOperatorLocks>();
        var id = NewAgreementId();
        var crashed = await locks.TryAcquireAsync(id, At, None);
        Assert.NotNull(crashed);
        var later = At + IOperatorLocks.Hold + TimeSpan.FromSeconds(1);

        var takeovers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => locks.TryAcquireAsync(id, later, None)));

        var holder = Assert.Single(takeovers, turn => turn is not null)!;
        await crashed.DisposeAsync(); // the first holder wakes up and releases: not the new holder's lock
        Assert.Null(await locks.TryAcquireAsync(id, later, None));
        await holder.DisposeAsync();
        await using var again = await locks.TryAcquireAsync(id, later, None);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_lock_whose_answer_was_lost_is_its_takers_and_others_wait_for_its_release()
    {
        var lostAnswer = new LostAnswer();
        var unlucky = new TableOperatorLocks(lostAnswer.Tables(Azurite.ConnectionString), Get<IOptions<StorageOptions>>());
        var locks = Get<IOperatorLocks>();
        var id = NewAgreementId();

        var held = await unlucky.TryAcquireAsync(id, At, None);

        Assert.Equal(1, lostAnswer.Lost);
        Assert.NotNull(held); // before: the SDK's retry met the caller's own lock and it was refused as held by another
        Assert.Null(await locks.TryAcquireAsync(id, At, None));
        await held.DisposeAsync(); // the holder's version: its release frees the agreement
        await using var next = await locks.TryAcquireAsync(id, At, None);
        Assert.NotNull(next);
    }

    private static string NewAgreementId() => Mobilitet.Workflows.Agreements.AgreementIds.New();
}
