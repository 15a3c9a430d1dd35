using Mobilitet.Workflows.Agreements;
using Mobilitet.Workflows.Identity;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Tests.Agreements;

public sealed class AgreementQueryTests
{
    private static readonly AgreementRecord Agreement = new()
    {
        AgreementId = "fa-0123456789abcdef0123",
        MunicipalityCode = "0751",
        HousingAssociation = "Brabrand Boligforening",
        Direction = MoveDirection.Out,
        FromArea = "Gellerup Parken",
        PlannedMoveDate = new DateOnly(2026, 3, 1),
        PolicyName = PolicyCatalog.DefaultName,
        Status = AgreementStatus.Monitoring,
        CreatedAt = DateTimeOffset.UnixEpoch,
        LastChangedAt = DateTimeOffset.UnixEpoch,
        DayLength = TimeSpan.FromDays(1),
        Baseline = null,
        RequestedDkk = 1m,
        SupervisorLevels = 1,
        CaseworkerId = "cw-1",
        OpenTaskCount = 1,
        EarliestTaskDueAt = DateTimeOffset.UnixEpoch,
    };

    private static readonly IReadOnlySet<string> Aarhus = new HashSet<string> { "0751" };

    [Fact]
    public void Every_filter_must_hold()
    {
        Assert.True(new AgreementQuery { MunicipalityCodes = Aarhus, Status = AgreementStatus.Monitoring, HousingArea = " gellerup  parken", CaseworkerId = "cw-1", NeedsAction = true }.Matches(Agreement));
        Assert.False(new AgreementQuery { MunicipalityCodes = new HashSet<string> { "0101" } }.Matches(Agreement));
        Assert.False(new AgreementQuery { MunicipalityCodes = Aarhus, Status = AgreementStatus.AwaitingMove }.Matches(Agreement));
        Assert.False(new AgreementQuery { MunicipalityCodes = Aarhus, HousingArea = "Gellerup" }.Matches(Agreement));
        Assert.False(new AgreementQuery { MunicipalityCodes = Aarhus, CaseworkerId = "CW-1" }.Matches(Agreement));
        Assert.False(new AgreementQuery { MunicipalityCodes = Aarhus, NeedsAction = false }.Matches(Agreement));
        Assert.True(new AgreementQuery { MunicipalityCodes = null }.Matches(Agreement));
    }

    [Fact]
    public void A_search_is_an_exact_agreement_id_or_else_a_housing_area()
    {
        var byId = new AgreementQuery { MunicipalityCodes = Aarhus, Search = " FA-0123456789ABCDEF0123 " };
        var byArea = new AgreementQuery { MunicipalityCodes = Aarhus, Search = "GELLERUP PARKEN" };
        var partialId = new AgreementQuery { MunicipalityCodes = Aarhus, Search = "fa-0123" };

        Assert.Equal(Agreement.AgreementId, byId.SearchedAgreementId);
        Assert.Empty(byId.AreasToMatch);
        Assert.True(byId.Matches(Agreement));
        Assert.True(byArea.Matches(Agreement));
        Assert.Null(partialId.SearchedAgreementId);
        Assert.False(partialId.Matches(Agreement));
    }

    [Fact]
    public void The_monitoring_unit_and_administrators_list_every_municipality_and_everyone_else_the_ones_they_may_read()
    {
        var monitoring = new CurrentUser("id-1", "Mona", new HashSet<string> { Roles.Monitoring }, new HashSet<string>());
        var administrator = new CurrentUser("id-3", "Ada", new HashSet<string> { Roles.Administrator }, Aarhus);
        var caseworker = new CurrentUser("id-2", "Carl", new HashSet<string> { Roles.Caseworker }, Aarhus);
        var noRole = new CurrentUser("id-4", "Nora", new HashSet<string>(), Aarhus);

        Assert.Null(AgreementQuery.ForUser(monitoring).MunicipalityCodes);
        Assert.Null(AgreementQuery.ForUser(administrator).MunicipalityCodes);
        Assert.Equal(Aarhus, AgreementQuery.ForUser(caseworker).MunicipalityCodes);
        Assert.Empty(AgreementQuery.ForUser(noRole).MunicipalityCodes!); // a municipality claim alone reads nothing
    }

    [Theory]
    [InlineData("  Gellerup\tParken ", "gellerup parken")]
    [InlineData("ÆBLEHAVEN", "æblehaven")]
    [InlineData("A\u030Arhus", "århus")]
    public void Housing_areas_compare_without_case_spacing_or_composition(string area, string normalized)
    {
        Assert.Equal(normalized, HousingAreas.Normalize(area));
    }
}
