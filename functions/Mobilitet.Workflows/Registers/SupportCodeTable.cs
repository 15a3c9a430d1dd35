using System.Collections.Frozen;

namespace Mobilitet.Workflows.Registers;

/// <summary>
/// Which benefit codes in weekly register data count as public support (income-replacement benefits, DESIGN §1).
/// A code not in the table counts as no support: state education grants (SU) are deliberately left out, as the
/// policy counts a student as self-supporting. Versioned like a policy: a published version is never edited, a
/// different set of codes is a new version, and a measurement records the version it used.
/// </summary>
public sealed record SupportCodeTable
{
    public const string DefaultVersion = "dream-2026-1";

    public SupportCodeTable(string version, IEnumerable<string> codes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(codes);
        Version = version;
        Codes = codes.Select(code => code.Trim().ToUpperInvariant()).ToFrozenSet(StringComparer.Ordinal);
        if (Codes.Count == 0 || Codes.Contains(string.Empty))
        {
            throw new ArgumentException("A support-code table needs at least one code, and no blank one (blank means no benefit).", nameof(codes));
        }
    }

    public string Version { get; }

    /// <summary>The codes that count as support, upper case (codes are compared ignoring case).</summary>
    public IReadOnlySet<string> Codes { get; }

    /// <summary>The default table's codes and what they stand for.</summary>
    public static IReadOnlyDictionary<string, string> DefaultCodes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DP"] = "arbejdsløshedsdagpenge",
        ["KH"] = "kontanthjælp",
        ["UH"] = "uddannelseshjælp",
        ["SH"] = "selvforsørgelses- og hjemrejseydelse, overgangsydelse",
        ["SD"] = "sygedagpenge",
        ["LY"] = "ledighedsydelse",
        ["RF"] = "ressourceforløbs- og jobafklaringsydelse",
        ["FP"] = "førtidspension",
    };

    /// <summary>
    /// <c>dream-2026-1</c>: the project's own short codes for the income-replacement benefits the policy counts, until
    /// the register's own code list is configured (<see cref="SupportCodeOptions"/>) as a new version.
    /// </summary>
    public static SupportCodeTable Default { get; } = new(DefaultVersion, DefaultCodes.Keys);

    public bool IsSupport(string? code) => !string.IsNullOrWhiteSpace(code) && Codes.Contains(code.Trim().ToUpperInvariant());

    /// <summary>
    /// Each person's weeks, in week order, on support or not. Where weekly rows of several uploads give the same week
    /// for a person, the newest upload's code counts (<see cref="NewerUploadWins.Weeks"/>).
    /// </summary>
    public IReadOnlyDictionary<PersonKey, IReadOnlyList<SupportWeek>> Classify(IEnumerable<WeeklyRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var weeks = rows.SelectMany(row => row.Weeks.Select(week =>
            new SupportWeek(row.Person, week.Week, IsSupport(week.Code), row.Source, row.UploadedAt)));
        return NewerUploadWins.Weeks(weeks)
            .GroupBy(week => week.Person)
            .ToDictionary(group => group.Key, group => (IReadOnlyList<SupportWeek>)[.. group]);
    }

    public bool Equals(SupportCodeTable? other) =>
        other is not null && Version == other.Version && Codes.SetEquals(other.Codes);

    public override int GetHashCode() => HashCode.Combine(Version, Codes.Count);
}
