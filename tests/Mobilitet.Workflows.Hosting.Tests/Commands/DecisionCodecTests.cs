using Mobilitet.Workflows.Decisions;
using Mobilitet.Workflows.Escalations;
using Mobilitet.Workflows.Hosting.Commands;
using Mobilitet.Workflows.Workflow.Events;

namespace Mobilitet.Workflows.Hosting.Tests.Commands;

public sealed class DecisionCodecTests
{
    private static readonly string AgreementId = Agreements.AgreementIds.New();
    private static readonly string EscalationId = EscalationIds.For(AgreementId, "m3");
    private static readonly DateTimeOffset At = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_follow_ups_done_is_a_subject_of_its_own_delivered_to_the_escalation_as_FollowUpDone()
    {
        var done = DecisionCodec.FollowUpDone(AgreementId, EscalationId, "caseworker", At);
        var decided = DecisionCodec.Escalation(AgreementId, EscalationId, EscalationDecision.FollowUp, withNote: false, "supervisor", At);

        Assert.Equal(DecisionSubjects.FollowUp(EscalationId), done.Subject);
        Assert.NotEqual(decided.Subject, done.Subject); // the supervisor's decision and the caseworker's "done" are each first-wins on their own
        Assert.Equal(EscalationId, DecisionCodec.InstanceOf(done));
        var (name, payload) = DecisionCodec.ToEvent(done);
        Assert.Equal(WorkflowEvents.NameOf<FollowUpDone>(), name);
        Assert.Equal(new FollowUpDone("caseworker"), payload);
        Assert.StartsWith("Der er allerede truffet en afgørelse: opfølgningen er markeret som udført (caseworker,", DecisionCodec.Describe(done), StringComparison.Ordinal);
    }

    [Fact]
    public void A_follow_up_subject_that_names_no_escalation_is_no_decision_the_codec_knows()
    {
        var stray = DecisionCodec.FollowUpDone(AgreementId, "not-an-escalation", "caseworker", At);

        Assert.Equal(AgreementId, DecisionCodec.InstanceOf(stray));
        Assert.Throws<ArgumentException>(() => DecisionCodec.ToEvent(stray));
    }
}
