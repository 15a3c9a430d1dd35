namespace Mobilitet.Workflows.Municipalities;

public sealed record Municipality(string Code, string Name, string Region);
