namespace Connector.Sandbox;

/// <summary>Binds the <c>Sandbox</c> configuration section onto <see cref="SandboxOptions"/>.</summary>
public static class SandboxOptionsBinding
{
    public static SandboxOptions Bind(IConfiguration section)
    {
        var options = new SandboxOptions();
        section.Bind(options);
        // The binder appends configured array items to the default ones; configured delays replace them instead.
        var delays = section.GetSection(nameof(SandboxOptions.WebhookRetryDelaysMs)).GetChildren().Select(c => int.Parse(c.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (delays.Length > 0)
        {
            options.WebhookRetryDelaysMs = delays;
        }
        return options;
    }
}
