using Mobilitet.Workflows.Municipalities;

namespace Mobilitet.Workflows.Tests.Municipalities;

public sealed class MunicipalityRegistryTests
{
    [Fact]
    public void All_98_municipalities_are_known_with_their_regions()
    {
        var byRegion = MunicipalityRegistry.All.GroupBy(m => m.Region).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(98, MunicipalityRegistry.All.Count);
        Assert.Equal(29, byRegion["Region Hovedstaden"]);
        Assert.Equal(17, byRegion["Region Sjælland"]);
        Assert.Equal(22, byRegion["Region Syddanmark"]);
        Assert.Equal(19, byRegion["Region Midtjylland"]);
        Assert.Equal(11, byRegion["Region Nordjylland"]);
    }

    [Fact]
    public void Codes_are_looked_up_exactly()
    {
        Assert.True(MunicipalityRegistry.TryGet("0751", out var aarhus));
        Assert.Equal("Aarhus", aarhus.Name);
        Assert.False(MunicipalityRegistry.TryGet("751", out _));
        Assert.False(MunicipalityRegistry.TryGet("0411", out _)); // Christiansø is not a municipality
        Assert.False(MunicipalityRegistry.TryGet(null, out _));
    }
}
