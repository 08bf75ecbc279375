// The SSE clock and the websocket echo of the demo page.
const clock = document.getElementById("clock");
const events = new EventSource("/sse/clock");
events.addEventListener("tick", (event) => { clock.textContent = event.data; });

const log = document.getElementById("ws-log");
const input = document.getElementById("ws-input");
const scheme = location.protocol === "https:" ? "wss" : "ws";
const socket = new WebSocket(`${scheme}://${location.host}/ws/echo`);
socket.onmessage = (event) => { log.textContent += `< ${event.data}\n`; };
document.getElementById("ws-send").onclick = () => {
  socket.send(input.value);
  log.textContent += `> ${input.value}\n`;
};
