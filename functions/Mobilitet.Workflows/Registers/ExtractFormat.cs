using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Registers;

/// <summary>The kind of register extract, told by its header line.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExtractFormat>))]
public enum ExtractFormat
{
    /// <summary>Empty, or a header that is neither format: nothing was read.</summary>
    Unknown,

    /// <summary>eIndkomst-style amounts: one row per person and period.</summary>
    Amounts,

    /// <summary>DREAM-style weeks: one row per person, one benefit code per ISO week.</summary>
    Weekly,
}
