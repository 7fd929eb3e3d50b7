namespace Connector.Core.Jobs;

public static class JobKinds
{
    public const string ContactSync = "ContactSync";
    public const string Report = "Report";
    public const string Watchdog = "Watchdog";
}
