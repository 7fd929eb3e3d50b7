namespace Connector.Cli;

/// <summary>The CLI's exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The operation ran and failed (a job not found, a field missing, SuperOffice or storage answered with an error).</summary>
    public const int Failed = 1;
    /// <summary>Bad usage or configuration: nothing was attempted; stderr says what to fix.</summary>
    public const int Usage = 2;
}
