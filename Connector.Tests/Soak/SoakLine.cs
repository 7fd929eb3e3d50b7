namespace Connector.Tests.Soak;

/// <summary>One line of the soak's table: what was counted, what it must be (null: for information), and whether it is.</summary>
public sealed record SoakLine(string Check, string Value, string? Expected = null, bool Ok = true);
