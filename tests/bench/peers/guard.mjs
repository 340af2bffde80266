// SPDX-FileCopyrightText: 2026 The Detour authors
//
// SPDX-License-Identifier: GPL-3.0-or-later

// Preloaded into every peer process (node --import ./guard.mjs): the benchmark
// peers may talk to 127.0.0.1 and nothing else. An outgoing connection to any
// other host throws before a packet leaves, and a server that would listen on
// every interface (the Portkey gateway's default) listens on 127.0.0.1 instead;
// one that names any other address is refused.
import net from 'node:net';

const loopback = '127.0.0.1';
const everyInterface = new Set([undefined, '0.0.0.0', '::', 'localhost', loopback]);

function refuse(what) {
    const error = new Error(`detour bench guard: refused ${what} (only ${loopback} is allowed)`);
    error.code = 'EDETOURGUARD';
    throw error;
}

// The host a Socket#connect call names, whichever of its signatures is used.
function targetOf(args) {
    let first = args[0];
    if (Array.isArray(first)) // net internals pass [options, callback]
        first = first[0];
    if (first !== null && typeof first === 'object') {
        if (first.path !== undefined)
            return { local: true };
        return { host: first.host ?? 'localhost', port: first.port };
    }
    if (typeof first === 'string' && !/^\d+$/.test(first))
        return { local: true }; // a Unix socket path
    return { host: typeof args[1] === 'string' ? args[1] : 'localhost', port: first };
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
    const target = targetOf(args);
    if (!target.local && target.host !== loopback)
        refuse(`a connection to ${target.host}:${target.port}`);
    return connect.apply(this, args);
};

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function guardedListen(...args) {
    const first = args[0];
    if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
        if (first.path === undefined) {
            if (!everyInterface.has(first.host))
                refuse(`listening on ${first.host}`);
            args[0] = { ...first, host: loopback };
        }
    } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
        if (typeof args[1] === 'string' && !everyInterface.has(args[1]))
            refuse(`listening on ${args[1]}`);
        if (typeof args[1] === 'string')
            args[1] = loopback;
        else
            args.splice(1, 0, loopback);
    } else if (first === undefined || typeof first === 'function') {
        args.unshift(0, loopback);
    }
    return listen.apply(this, args);
};
