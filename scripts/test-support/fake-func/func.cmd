@echo off
node "%~dp0func" %*
