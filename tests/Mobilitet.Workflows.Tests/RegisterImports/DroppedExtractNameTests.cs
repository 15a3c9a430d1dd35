using Mobilitet.Workflows.RegisterImports;

namespace Mobilitet.Workflows.Tests.RegisterImports;

/// <summary>The drop folder's naming convention: incoming/{municipality code}/{file}.csv, nothing else.</summary>
public sealed class DroppedExtractNameTests
{
    [Theory]
    [InlineData("incoming/0751/udtraek.csv", "0751")]
    [InlineData("incoming/0101/Ugedata 2027-01.CSV", "0101")]
    public void A_file_in_a_municipalitys_folder_is_for_that_municipality(string name, string municipality)
    {
        Assert.Equal(new DroppedExtractName(municipality, null), DroppedExtractName.Parse(name));
    }

    [Theory]
    [InlineData("udtraek.csv", DroppedExtractName.WrongFolder)]
    [InlineData("imports/abc/extract.csv", DroppedExtractName.WrongFolder)]
    [InlineData("incoming/udtraek.csv", DroppedExtractName.WrongFolder)]
    [InlineData("incoming/0751/2027/udtraek.csv", DroppedExtractName.WrongFolder)]
    [InlineData("incoming/0751/", DroppedExtractName.WrongFolder)]
    [InlineData("incoming/9999/udtraek.csv", DroppedExtractName.UnknownMunicipality)]
    [InlineData("incoming/751/udtraek.csv", DroppedExtractName.UnknownMunicipality)]
    [InlineData("incoming/Aarhus/udtraek.csv", DroppedExtractName.UnknownMunicipality)]
    [InlineData("incoming/0751/udtraek.xlsx", DroppedExtractName.NotCsv)]
    [InlineData("incoming/0751/.csv", DroppedExtractName.NotCsv)]
    public void Any_other_name_is_refused_with_a_danish_reason_that_quotes_nothing_from_it(string name, string problem)
    {
        var parsed = DroppedExtractName.Parse(name);

        Assert.Null(parsed.MunicipalityCode);
        Assert.Equal(problem, parsed.Problem);
        Assert.DoesNotContain("udtraek.xlsx", parsed.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Aarhus/", parsed.Problem, StringComparison.Ordinal);
    }
}
