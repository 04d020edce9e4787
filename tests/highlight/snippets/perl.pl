#!/usr/bin/perl
use strict;
use warnings;

# Count log lines per level.
my %counts;
my @levels = qw(DEBUG INFO WARN ERROR);
my $file = shift @ARGV // 'app.log';

open(my $fh, '<', $file) or die "cannot open $file: $!";
while (my $line = <$fh>) {
    chomp $line;
    next if $line =~ /^\s*$/;
    if ($line =~ m/\[(\w+)\]\s+(.*)$/) {
        $counts{$1}++;
    }
}
close($fh);

sub report {
    my ($title, %data) = @_;
    print "== $title ==\n";
    foreach my $level (@levels) {
        printf("%-5s %d\n", $level, $data{$level} || 0);
    }
    return scalar keys %data;
}

my $n = report("levels", %counts);
my $ratio = $n / 4.0;
my $hex = 0xff;
my @sorted = sort { $counts{$b} <=> $counts{$a} } keys %counts;
print join(", ", @sorted), "\n" unless $ratio < 0.5;
