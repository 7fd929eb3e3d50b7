using System.Reflection;
using System.Text.Json;
using Connector.Core.Configuration;
using Connector.Functions;
using Connector.Tests.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace Connector.Tests.Reports;

/// <summary>The timer's <c>%setting%</c> is one the host can resolve from the documented settings.</summary>
public sealed class ReportSettingsExampleTests
{
    [Fact]
    public void The_timer_schedule_is_an_app_setting_listed_in_the_example_settings_with_a_valid_value()
    {
        var parameter = typeof(ProductReportFunction).GetMethod(nameof(ProductReportFunction.RunOnSchedule))!.GetParameters()[0];
        var schedule = parameter.GetCustomAttribute<TimerTriggerAttribute>()!.Schedule;
        Assert.Equal("%ProductReport:Schedule%", schedule);

        // App settings write sections with "__"; the host's configuration turns them into ":".
        var appSetting = schedule.Trim('%').Replace(":", "__");
        var values = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("local.settings.example.json")))
            .RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(ProductReportOptions.DefaultSchedule, values[appSetting]);

        // The example's ProductReport values, read the way the app reads app settings, pass start-up validation.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":"), v.Value)))
            .Build();
        var options = configuration.GetSection(ProductReportOptions.Section).Get<ProductReportOptions>()!;
        Assert.True(new ProductReportOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(ProductReportOptions.DefaultProductCodePattern, options.ProductCodePattern);
        // What the host's name resolver does with %ProductReport:Schedule%: configuration["ProductReport:Schedule"].
        Assert.Equal(ProductReportOptions.DefaultSchedule, configuration[schedule.Trim('%')]);
    }
}
