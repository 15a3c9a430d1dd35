namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>The address of one table row.</summary>
public readonly record struct TableKey(string PartitionKey, string RowKey);
