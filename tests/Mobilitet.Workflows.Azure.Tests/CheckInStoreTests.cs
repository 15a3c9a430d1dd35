using Microsoft.Extensions.Options;
using Mobilitet.Testing;
using Mobilitet.Workflows.Azure.Configuration;
using Mobilitet.Workflows.Azure.Tables;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.WellBeing;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class CheckInStoreTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private static readonly DateTimeOffset Invited = new(2027, 4, 16, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = Invited.AddDays(14);

    private ICheckInStore Store => Get<ICheckInStore>();

    [Fact]
    public async Task Inviting_again_keeps_the_first_invitation()
    {
        var id = AgreementIds.New();

        await Store.InviteAsync(new CheckIn(id, Milestone.M3, Invited, Due), None);
        var again = await Store.InviteAsync(new CheckIn(id, Milestone.M3, Invited.AddDays(1), Due.AddDays(1)), None);

        Assert.Equal(new CheckIn(id, Milestone.M3, Invited, Due), again);
        Assert.Equal(again, await Store.FindAsync(id, Milestone.M3, None));
        Assert.Null(await Store.FindAsync(id, Milestone.M12, None));
    }

    [Fact]
    public async Task An_answer_is_recorded_once_while_open_and_of_answers_at_once_exactly_one_counts()
    {
        var id = AgreementIds.New();
        await Store.InviteAsync(new CheckIn(id, Milestone.M12, Invited, Due), None);

        var answers = await Task.WhenAll(Enumerable.Range(1, 5).Select(score => Store.AnswerAsync(id, Milestone.M12, score, Invited.AddDays(2), None)));

        Assert.Equal(1, answers.Count(answer => answer == CheckInAnswer.Recorded));
        Assert.All(answers.Where(answer => answer != CheckInAnswer.Recorded), answer => Assert.Equal(CheckInAnswer.AlreadyAnswered, answer));
        var stored = await Store.FindAsync(id, Milestone.M12, None);
        Assert.Equal(Invited.AddDays(2), stored?.AnsweredAt);
        Assert.InRange(stored!.Score!.Value, 1, 5);
        Assert.Equal(CheckInAnswer.AlreadyAnswered, await Store.AnswerAsync(id, Milestone.M12, 5, Invited.AddDays(3), None));
    }

    [Fact]
    public async Task An_answer_after_the_window_or_without_an_invitation_is_not_recorded_and_erasure_removes_every_check_in()
    {
        var id = AgreementIds.New();
        await Store.InviteAsync(new CheckIn(id, Milestone.M3, Invited, Due), None);
        await Store.InviteAsync(new CheckIn(id, Milestone.M12, Invited, Due), None);

        Assert.Equal(CheckInAnswer.Expired, await Store.AnswerAsync(id, Milestone.M3, 4, Due, None));
        Assert.Equal(CheckInAnswer.NotFound, await Store.AnswerAsync(id, Milestone.M36, 4, Invited, None));
        Assert.False((await Store.FindAsync(id, Milestone.M3, None))!.IsAnswered);

        await Store.EraseAsync(id, None);

        Assert.Null(await Store.FindAsync(id, Milestone.M3, None));
        Assert.Equal(CheckInAnswer.NotFound, await Store.AnswerAsync(id, Milestone.M12, 4, Invited, None));
    }

    [Fact]
    public async Task An_answer_whose_reply_was_lost_is_recorded_not_refused_as_answered_before()
    {
        var id = AgreementIds.New();
        await Store.InviteAsync(new CheckIn(id, Milestone.M12, Invited, Due), None);
        var lostAnswer = new LostAnswer();
        var unlucky = new TableCheckInStore(lostAnswer.Tables(Azurite.ConnectionString), Get<IOptions<StorageOptions>>());

        var answer = await unlucky.AnswerAsync(id, Milestone.M12, 4, Invited.AddDays(2), None);

        Assert.Equal(1, lostAnswer.Lost);
        Assert.Equal(CheckInAnswer.Recorded, answer); // before: the SDK's retry met this answer (412) and it was refused as answered before
        Assert.Equal(4, (await Store.FindAsync(id, Milestone.M12, None))?.Score);
        Assert.Equal(CheckInAnswer.AlreadyAnswered, await Store.AnswerAsync(id, Milestone.M12, 2, Invited.AddDays(3), None));
    }
}
