namespace Mobilitet.Workflows.Web.Shared;

/// <summary>One option of a <see cref="SelectInput"/>: the posted value and the text shown.</summary>
public sealed record SelectOption(string Value, string Text);
