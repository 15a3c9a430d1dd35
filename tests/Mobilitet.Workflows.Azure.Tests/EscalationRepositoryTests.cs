using Mobilitet.Testing;
using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;

namespace Mobilitet.Workflows.Azure.Tests;

public sealed class EscalationRepositoryTests(AzuriteFixture azurite) : StorageTestBase(azurite)
{
    private IEscalationRepository Escalations => Get<IEscalationRepository>();

    [Fact]
    public async Task Saved_escalation_is_found_by_its_id_alone()
    {
        var escalation = Samples.Escalation(AgreementIds.New()) with
        {
            Level = 2,
            Status = EscalationStatus.Decided,
            Decision = EscalationDecision.ExtendMonitoring,
            DecidedBy = "supervisor-level-2",
            DecidedAt = Samples.Created.AddDays(402).ToOffset(TimeSpan.FromHours(2)),
        };

        await Escalations.SaveAsync(escalation, None);

        Assert.Equal(escalation, await Escalations.FindAsync(escalation.EscalationId, None));
    }

    [Fact]
    public async Task Optional_fields_set_earlier_can_be_cleared_by_a_later_save()
    {
        var escalation = Samples.Escalation(AgreementIds.New()) with
        {
            Decision = EscalationDecision.Acknowledged,
            DecidedBy = "supervisor-level-1",
            DecidedAt = Samples.Created.AddDays(401),
        };
        await Escalations.SaveAsync(escalation, None);

        var reopened = escalation with { Decision = null, DecidedBy = null, DecidedAt = null, LevelDeadline = null, Level = 2 };
        await Escalations.SaveAsync(reopened, None);

        Assert.Equal(reopened, await Escalations.FindAsync(escalation.EscalationId, None));
    }

    [Fact]
    public async Task List_returns_the_agreements_escalations_oldest_first()
    {
        var agreementId = AgreementIds.New();
        var later = Samples.Escalation(agreementId, "m36") with { RaisedAt = Samples.Created.AddYears(3) };
        var earlier = Samples.Escalation(agreementId, "financing") with { RaisedAt = Samples.Created.AddDays(10), Reason = EscalationReason.FinancingDecisionOverdue };
        var foreign = Samples.Escalation(AgreementIds.New(), "financing");
        foreach (var escalation in new[] { later, earlier, foreign })
        {
            await Escalations.SaveAsync(escalation, None);
        }

        Assert.Equal([earlier, later], await Escalations.ListAsync(agreementId, None));
    }

    [Fact]
    public async Task Ids_that_are_not_escalation_ids_are_not_found()
    {
        Assert.Null(await Escalations.FindAsync("not-an-escalation", None));
        Assert.Null(await Escalations.FindAsync(EscalationIds.For(AgreementIds.New(), "m3"), None));
    }

    [Fact]
    public async Task An_escalation_must_belong_to_the_agreement_its_id_names()
    {
        var escalation = Samples.Escalation(AgreementIds.New()) with { AgreementId = AgreementIds.New() };

        await Assert.ThrowsAsync<ArgumentException>(() => Escalations.SaveAsync(escalation, None));
    }
}
