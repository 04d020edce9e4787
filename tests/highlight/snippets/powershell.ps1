# Rotate log files older than a number of days.
param(
    [Parameter(Mandatory = $true)]
    [string]$Path,
    [int]$Days = 7,
    [switch]$WhatIf
)

$ErrorActionPreference = 'Stop'
$cutoff = (Get-Date).AddDays(-$Days)

function Get-OldLog {
    param([string]$Folder)
    Get-ChildItem -Path $Folder -Filter *.log -Recurse |
        Where-Object { $_.LastWriteTime -lt $cutoff }
}

<# Archive each old file,
   then delete it. #>
$count = 0
foreach ($file in Get-OldLog -Folder $Path) {
    $zip = "$($file.FullName).zip"
    if ($WhatIf) {
        Write-Host "Would archive $($file.Name)" -ForegroundColor Yellow
        continue
    }
    try {
        Compress-Archive -Path $file.FullName -DestinationPath $zip -Force
        Remove-Item $file.FullName
        $count++
    } catch {
        Write-Warning "Failed on $($file.Name): $_"
    }
}

$summary = @{ Archived = $count; Cutoff = $cutoff; Ratio = 0.5 }
Write-Output "Archived $count file(s)" | Out-File -FilePath 'rotate.txt' -Append
if ($count -gt 0 -and $summary.Archived -ne $null) { exit 0 } else { exit 1 }
