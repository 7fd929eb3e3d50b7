using Connector.Cli.Configuration;
using Azure;
using Connector.Cli;
using Connector.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Connector.Tests.Cli;

/// <summary>Exceptions become an exit code and one stderr line that says what to fix, in the CLI's terms.</summary>
public sealed class ErrorReportTests
{
    [Fact]
    public void A_validation_failure_is_exit_2_with_the_first_failure_naming_the_cli_sources()
    {
        var failure = new WebhookOptionsValidator().Validate(null, new WebhookOptions { Events = "" });
        var (code, message) = ErrorReport.From(new OptionsValidationException("Webhook", typeof(WebhookOptions), failure.Failures));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("Webhook:Secret is empty; set it to the secret of the SuperOffice webhook in local.settings.json, .env or Webhook__Secret", message);
        Assert.DoesNotContain("Webhook:Events", message);
    }

    [Fact]
    public void Usage_configuration_failure_and_storage_errors_map_to_their_codes()
    {
        Assert.Equal((2, "x"), ErrorReport.From(new CliUsageException("x")));
        Assert.Equal((2, "bad file"), ErrorReport.From(new CliConfigurationException("bad file")));
        Assert.Equal((1, "y"), ErrorReport.From(new CliFailureException("y")));
        var (code, message) = ErrorReport.From(new RequestFailedException(403, "Server failed to authenticate the request.\nRequestId: 1", "AuthenticationFailed", null));
        Assert.Equal(1, code);
        Assert.Equal("Storage request failed (403 AuthenticationFailed): Server failed to authenticate the request. Check AzureWebJobsStorage and that the storage (or Azurite) is running.", message);
    }
}
