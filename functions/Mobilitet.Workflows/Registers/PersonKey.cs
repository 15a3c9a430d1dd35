namespace Mobilitet.Workflows.Registers;

/// <summary>
/// A person in the register data, as the keyed hash of their CPR number (<see cref="PersonKeys"/>): 64 lowercase
/// hex digits. Register rows are stored and joined by it, so the CPR itself is not kept beside the data.
/// </summary>
public readonly record struct PersonKey(string Value)
{
    public override string ToString() => Value;
}
