namespace Drydock.Server.Api.V1;

/// <summary>The updater's schedule: on or off, its interval, and when the next run is due.</summary>
public sealed record DatabaseScheduleResponse(bool Enabled, TimeSpan Interval, DateTimeOffset? NextRunAt);
