using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mobilitet.Workflows.Policies;

namespace Mobilitet.Workflows.Effects;

/// <summary>
/// A start cohort: the calendar quarter (Danish time) an agreement was created in, written "2026-Q4" (so the
/// text sorts in time order).
/// </summary>
[JsonConverter(typeof(CohortJsonConverter))]
public readonly record struct Cohort(int Year, int Quarter)
{
    /// <summary>The cohort of an agreement created at <paramref name="createdAt"/> (its Danish calendar date).</summary>
    public static Cohort Of(DateTimeOffset createdAt)
    {
        var date = DanishCalendar.DateOf(createdAt.UtcDateTime);
        return new Cohort(date.Year, ((date.Month - 1) / 3) + 1);
    }

    /// <summary>Reads "2026-Q4" (a four-digit year, "-Q", a quarter 1–4; nothing else).</summary>
    public static bool TryParse(string? text, out Cohort cohort)
    {
        cohort = default;
        if (text is not { Length: 7 } || text[4] != '-' || text[5] != 'Q'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || year < 2000 || text[6] is < '1' or > '4')
        {
            return false;
        }

        cohort = new Cohort(year, text[6] - '0');
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-Q{Quarter}");

    /// <summary>"4. kvartal 2026".</summary>
    public string DanishName => string.Create(CultureInfo.InvariantCulture, $"{Quarter}. kvartal {Year}");
}

internal sealed class CohortJsonConverter : JsonConverter<Cohort>
{
    public override Cohort Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Cohort.TryParse(reader.GetString(), out var cohort) ? cohort : throw new JsonException("A cohort is written like 2026-Q4.");

    public override void Write(Utf8JsonWriter writer, Cohort value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
