// DriftTests: windows, statistics, findings and alerts (see the other files in this folder).
