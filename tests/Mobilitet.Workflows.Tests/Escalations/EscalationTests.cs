using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Escalations;

namespace Mobilitet.Workflows.Tests.Escalations;

public sealed class EscalationTests
{
    [Fact]
    public void Escalation_ids_are_deterministic_and_lead_back_to_their_agreement()
    {
        var agreementId = AgreementIds.New();

        var id = EscalationIds.For(agreementId, "M12-data");

        Assert.Equal(id, EscalationIds.For(agreementId, "M12-data"));
        Assert.Equal($"{agreementId}-esc-m12-data", id);
        Assert.True(EscalationIds.TryParseAgreementId(id, out var parsed));
        Assert.Equal(agreementId, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fa-00000000000000000000-esc-")]
    [InlineData("fa-00000000000000000000-esc-M12")]
    [InlineData("fa-0000-esc-m12")]
    [InlineData("0101901234-esc-m12")]
    public void Malformed_escalation_ids_are_refused(string? id)
    {
        Assert.False(EscalationIds.TryParseAgreementId(id, out _));
    }

    [Fact]
    public void The_ladder_has_one_level_per_supervisor()
    {
        var ladder = EscalationLadder.For(supervisorCount: 3, daysPerLevel: 5);

        Assert.Equal([1, 2, 3], ladder.LevelsInOrder);
        Assert.False(ladder.IsLast(2));
        Assert.True(ladder.IsLast(3));
        Assert.Equal("supervisor-level-2", EscalationLadder.RoleAt(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => EscalationLadder.For(0, 5));
    }
}
