namespace Connector.Cli.Output;

/// <summary>Where <c>debug-raw</c> saved SuperOffice's answer.</summary>
public sealed record RawSavedReport(string Request, string File, int Bytes);
