namespace Mobilitet.Workflows.Registers;

/// <summary>
/// Why a line of an extract was not read. <paramref name="Line"/> counts the header as line 1 (0: the file as a whole
/// was refused unread, for its name or size);
/// <paramref name="Field"/> is the column's name from the header (null when the whole line or file is at fault);
/// <paramref name="Message"/> is Danish, for the person who uploaded the file. Messages never quote a value from the
/// file, so they never contain a CPR number.
/// </summary>
public sealed record ExtractError(int Line, string? Field, string Message);
