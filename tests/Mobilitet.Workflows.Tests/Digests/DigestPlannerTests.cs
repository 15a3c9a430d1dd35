using Mobilitet.Workflows.Digests;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Indicators;
using Mobilitet.Workflows.Notifications;
using Mobilitet.Workflows.PersonalData;
using Mobilitet.Workflows.Registers;
using Mobilitet.Workflows.Tasks;

namespace Mobilitet.Workflows.Tests.Digests;

/// <summary>Who gets a digest, with what, in which order.</summary>
public sealed class DigestPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Day = new(2026, 12, 1);
    private static readonly RecipientKeys Recipients = new(new PersonKeyOptions { PersonKeySecret = Convert.ToBase64String(new byte[32]) });

    private static readonly Dictionary<string, AgreementPersonalData> Parties = new(StringComparer.Ordinal)
    {
        ["fa-a"] = PartiesOf("anna@kommune.dk", "tilsyn1@kommune.dk", "chef@kommune.dk"),
        ["fa-b"] = PartiesOf("Anna@Kommune.dk", "tilsyn1@kommune.dk"),
        ["fa-c"] = PartiesOf("bo@kommune.dk", "tilsyn9@kommune.dk"),
    };

    [Fact]
    public void Each_person_gets_one_digest_of_their_items_overdue_first_and_nobody_without_items_gets_one()
    {
        CaseTask[] tasks =
        [
            Task("fa-a", TaskKind.ConsentToRecord, Now.AddDays(2)),
            Task("fa-b", TaskKind.MoveToRecord, Now.AddDays(-1)),
            Task("fa-a", TaskKind.MeasurementDataMissing, Now.AddDays(1), Milestone.M3),
            Task("fa-a", TaskKind.EscalationToDecide, Now.AddDays(-2), level: 2),
            Task("fa-b", TaskKind.EscalationToDecide, Now.AddDays(3), level: 1),
            Task("fa-c", TaskKind.FinancingToDecide, Now.AddDays(-5)), // the finance mailbox's, no digest
            Task("fa-erased", TaskKind.ConsentToRecord, Now.AddDays(-5)), // no parties any more
        ];

        var digests = DigestPlanner.Plan(Day, Now, tasks, Parties, Recipients).ToDictionary(digest => digest.RecipientEmail.ToLowerInvariant());

        Assert.Equal(["anna@kommune.dk", "chef@kommune.dk", "tilsyn1@kommune.dk"], digests.Keys.Order());
        var anna = digests["anna@kommune.dk"];
        Assert.Equal([("fa-b", TaskKind.MoveToRecord, true), ("fa-a", TaskKind.MeasurementDataMissing, false), ("fa-a", TaskKind.ConsentToRecord, false)], anna.Items.Select(item => (item.AgreementId, item.Kind, item.IsOverdue)));
        Assert.Equal(Recipients.KeyOf("anna@kommune.dk"), anna.RecipientKey);
        Assert.Equal(Day, anna.Day);
        Assert.Equal([("fa-a", 2)], digests["chef@kommune.dk"].Items.Select(item => (item.AgreementId, item.Level!.Value)));
        Assert.Equal([("fa-b", 1)], digests["tilsyn1@kommune.dk"].Items.Select(item => (item.AgreementId, item.Level!.Value)));
    }

    [Fact]
    public void No_open_tasks_means_no_digests()
    {
        Assert.Empty(DigestPlanner.Plan(Day, Now, [], Parties, Recipients));
    }

    private static AgreementPersonalData PartiesOf(string caseworker, params string[] supervisors) =>
        new(new Resident("0101901234", "Karin", null, null), new Caseworker("Sagsbehandler", caseworker), supervisors, "Indskud");

    private static CaseTask Task(string agreementId, TaskKind kind, DateTimeOffset dueAt, Milestone? milestone = null, int? level = null) => new()
    {
        AgreementId = agreementId,
        MunicipalityCode = "0751",
        Kind = kind,
        Role = kind.Role(),
        DueAt = dueAt,
        DueDate = DateOnly.FromDateTime(dueAt.UtcDateTime),
        OpenedAt = Now.AddDays(-10),
        Milestone = milestone,
        EscalationId = kind == TaskKind.EscalationToDecide ? agreementId + "-esc-move" : null,
        Level = level,
    };
}
