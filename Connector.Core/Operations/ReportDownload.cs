namespace Connector.Core.Operations;

/// <summary>An open report blob: its content as a stream (the caller disposes it), type, length and a file name to save it as.</summary>
public sealed record ReportDownload(Stream Content, string ContentType, long Length, string FileName);
