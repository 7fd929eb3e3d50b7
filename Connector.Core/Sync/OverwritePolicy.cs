namespace Connector.Core.Sync;

/// <summary>When a mapped field may be written over a value that is already there.</summary>
public enum OverwritePolicy
{
    /// <summary>Only an empty field is written (the default): a hand-typed value always survives.</summary>
    FillEmpty,
    /// <summary>The field is written whenever the new value differs.</summary>
    Overwrite,
    /// <summary>Written when empty, or when it still holds the value we last wrote; a hand-typed value survives.</summary>
    OverwriteOwn,
}
