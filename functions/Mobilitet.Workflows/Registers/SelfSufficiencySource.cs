using System.Text.Json.Serialization;

namespace Mobilitet.Workflows.Registers;

/// <summary>Which register data a window's self-sufficiency rate was taken from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelfSufficiencySource>))]
public enum SelfSufficiencySource
{
    /// <summary>Neither covered the window enough.</summary>
    None,

    /// <summary>Weekly benefit codes (preferred: they are the register's own count of weeks).</summary>
    Weeks,

    /// <summary>The amount rows' weeks on support and weeks in period, pro rata.</summary>
    Amounts,
}
