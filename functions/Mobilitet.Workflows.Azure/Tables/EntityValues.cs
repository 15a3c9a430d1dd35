using System.Globalization;
using Azure.Data.Tables;

namespace Mobilitet.Workflows.Azure.Tables;

/// <summary>
/// How the adapters write and read column values. Decimals are strings in the invariant culture
/// (exact, unlike Edm.Double), dates "yyyy-MM-dd", enums by name. Reading a missing required column
/// fails with the table and key, so a damaged row is found rather than silently defaulted.
/// </summary>
internal static class EntityValues
{
    private const string DateFormat = "yyyy-MM-dd";

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>A point in time as round-trip text in UTC; used where a column must be clearable by a merge.</summary>
    public static string FormatInstant(DateTimeOffset? value) =>
        value is { } instant ? instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>Adds the column only when there is a value (a null column is simply absent).</summary>
    public static void SetOptional(this TableEntity entity, string column, object? value)
    {
        if (value is not null)
        {
            entity[column] = value;
        }
    }

    public static string RequiredString(this TableEntity entity, string column) =>
        entity.GetString(column) ?? throw Missing(entity, column);

    public static string? OptionalString(this TableEntity entity, string column) => entity.GetString(column);

    /// <summary>Reads a column where the empty string means "no value".</summary>
    public static string? NonEmptyString(this TableEntity entity, string column) =>
        entity.GetString(column) is { Length: > 0 } value ? value : null;

    public static int RequiredInt32(this TableEntity entity, string column) =>
        entity.GetInt32(column) ?? throw Missing(entity, column);

    public static long RequiredInt64(this TableEntity entity, string column) =>
        entity.GetInt64(column) ?? throw Missing(entity, column);

    public static DateTimeOffset RequiredInstant(this TableEntity entity, string column) =>
        entity.GetDateTimeOffset(column) ?? throw Missing(entity, column);

    public static DateTimeOffset? OptionalInstantText(this TableEntity entity, string column) =>
        entity.NonEmptyString(column) is { } text
            ? DateTimeOffset.ParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None)
            : null;

    public static decimal RequiredDecimal(this TableEntity entity, string column) =>
        ParseDecimal(entity.RequiredString(column));

    public static decimal? OptionalDecimal(this TableEntity entity, string column) =>
        entity.NonEmptyString(column) is { } text ? ParseDecimal(text) : null;

    public static DateOnly RequiredDate(this TableEntity entity, string column) =>
        DateOnly.ParseExact(entity.RequiredString(column), DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly? OptionalDate(this TableEntity entity, string column) =>
        entity.NonEmptyString(column) is { } text ? DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture) : null;

    public static TEnum RequiredEnum<TEnum>(this TableEntity entity, string column)
        where TEnum : struct, Enum =>
        ParseEnum<TEnum>(entity, column, entity.RequiredString(column));

    public static TEnum? OptionalEnum<TEnum>(this TableEntity entity, string column)
        where TEnum : struct, Enum =>
        entity.NonEmptyString(column) is { } text ? ParseEnum<TEnum>(entity, column, text) : null;

    public static TEnum ParseEnum<TEnum>(TableEntity entity, string column, string text)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"Column {column} of row {entity.PartitionKey}/{entity.RowKey} holds an unknown {typeof(TEnum).Name} '{text}'.");

    private static decimal ParseDecimal(string text) =>
        decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static InvalidDataException Missing(TableEntity entity, string column) =>
        new($"Row {entity.PartitionKey}/{entity.RowKey} has no column {column}.");
}
