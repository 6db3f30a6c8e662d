#!/usr/bin/env node
import '../dist/bin/evalform.js';
