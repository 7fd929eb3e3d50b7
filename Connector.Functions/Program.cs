using Connector.Core;
using Connector.Core.Configuration;
using Connector.Functions.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Configuration.AddLegacySettingAliases();
builder.Services.AddConnectorCore();
builder.Services.AddConnectorTelemetry(builder.Configuration);
builder.Build().Run();
