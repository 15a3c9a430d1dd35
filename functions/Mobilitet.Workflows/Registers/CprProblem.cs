namespace Mobilitet.Workflows.Registers;

/// <summary>Why a text is not a CPR number; the parser turns it into a Danish message that never repeats the text.</summary>
public enum CprProblem
{
    None,

    /// <summary>Not 10 digits, with or without one hyphen after the sixth (ddmmyy-xxxx).</summary>
    Format,

    /// <summary>Ten digits, but the first six are not a date (with the century the seventh digit gives).</summary>
    Date,
}
