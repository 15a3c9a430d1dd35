namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>An index row as an agreement row lists it: its key and the ETag it was written with.</summary>
internal sealed record IndexRow(TableKey Key, string ETag);
