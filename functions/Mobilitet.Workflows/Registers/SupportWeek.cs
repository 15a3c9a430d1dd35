namespace Mobilitet.Workflows.Registers;

/// <summary>One person's week from weekly register data: on public support or not, by a <see cref="SupportCodeTable"/>, and where it came from.</summary>
public sealed record SupportWeek(PersonKey Person, IsoWeek Week, bool OnSupport, RowRef Source, DateTimeOffset UploadedAt);
